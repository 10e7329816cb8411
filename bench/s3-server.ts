/**
 * The embedded S3 server (s3rver) alone in its own process, for `BENCH_S3=external`
 * in bench/ingest.ts: the web server's RSS is then the app's alone, and the storage
 * server's is measured apart. Prints its endpoint as one JSON line; stops on SIGTERM.
 */
import { startEmbeddedS3 } from "../storage/embedded-s3";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: bench/s3-server.ts <data dir>");
const s3 = await startEmbeddedS3({ dataDir, bucket: process.argv[3] ?? "parley" });
console.log(JSON.stringify({ endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }));
process.on("SIGTERM", () => {
  void s3.stop().then(() => process.exit(0));
});
