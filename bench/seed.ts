/**
 * `npm run bench:seed`: how long the demo seed takes on an empty database (issue 13 §11 aims
 * at under 10 s). Each round migrates a fresh scratch database and a fresh embedded S3 folder,
 * then times seedDemoIfEmpty alone, as the server does it on first start. Prints each round
 * and the median; `BENCH_ROUNDS` (default 3) sets how many.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDb, createPool } from "../db/client";
import { installJobQueue } from "../db/job-queue";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { seedDemoIfEmpty } from "../db/seed/seed-demo";
import { createBlobStore } from "../storage/blob-store";
import { startEmbeddedS3 } from "../storage/embedded-s3";
import { loadAverage, machine } from "./measure";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const server = await startScratchServer();
const timings: number[] = [];
let report: Awaited<ReturnType<typeof seedDemoIfEmpty>> | null = null;
console.log(`machine: ${machine()}; load average before: ${loadAverage()}`);
for (let round = 1; round <= rounds; round++) {
  const name = uniqueDatabaseName("parley_bench_seed");
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-bench-seed-"));
  const s3 = await startEmbeddedS3({ dataDir, bucket: "parley" });
  const url = await createDatabase(server.serverUrl, name);
  const pool = createPool({ connectionString: url, max: 4 });
  const db = createDb({ pool });
  const store = createBlobStore({ endpoint: s3.endpoint, region: "us-east-1", bucket: "parley", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true });
  try {
    await store.ensureBucket({ corsOrigins: ["*"] });
    await migrateToLatest(db);
    await installJobQueue(pool);
    const started = performance.now();
    report = await seedDemoIfEmpty(db, store);
    const ms = performance.now() - started;
    timings.push(ms);
    console.log(`round ${round}: ${(ms / 1000).toFixed(2)} s`);
  } finally {
    store.destroy();
    await db.destroy();
    await s3.stop();
    await dropDatabase(server.serverUrl, name);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
await server.stop();
const sorted = [...timings].sort((a, b) => a - b);
console.log(`seeded: ${JSON.stringify(report)}`);
console.log(`median ${((sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000).toFixed(2)} s, max ${((sorted.at(-1) ?? 0) / 1000).toFixed(2)} s; load average after: ${loadAverage()}`);
