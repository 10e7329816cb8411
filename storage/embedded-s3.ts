/**
 * The embedded S3 server for `npm start` without S3_ENDPOINT (DESIGN.md,
 * "Embedded defaults"): s3rver on loopback over a data folder. The app talks
 * to it with the same blob-store code as to AWS, so this file only starts and
 * stops a server; it offers no shortcut around the S3 API.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import getPort from "get-port";
import S3rver from "s3rver";
import { corsXml } from "./cors";

export interface EmbeddedS3Options {
  /** Folder holding the objects; created if missing, kept across restarts. */
  dataDir: string;
  bucket: string;
  /** Fixed port; a free one is picked when omitted. */
  port?: number;
  /**
   * Origins allowed by the bucket's CORS rule. Defaults to `*`: the server only
   * listens on loopback and every browser request carries a presigned
   * signature, so the origin check adds nothing here.
   */
  corsOrigins?: readonly string[];
}

export interface EmbeddedS3 {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
// s3rver's fixed development credentials (its README); only reachable on loopback.
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
const STOP_GRACE_MS = 5000;

export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // An empty list would be an invalid CORS document; treat it like "not given".
  const corsOrigins = options.corsOrigins?.length ? options.corsOrigins : ["*"];

  const s3rver = new S3rver({
    directory: dataDir,
    silent: true,
    // Parley addresses buckets path-style; vhost parsing of "127.0.0.1:port" is noise.
    vhostBuckets: false,
    // Creates the bucket if missing and (re)writes its CORS config on every start,
    // so a changed origin list takes effect without touching the data folder.
    configureBuckets: [{ name: options.bucket, configs: [corsXml(corsOrigins)] }],
  });
  await s3rver.configureBuckets();

  // We run our own HTTP server around s3rver's request handler (rather than
  // s3rver.run()) so AbortMultipartUpload, which s3rver 3.7.1 lacks, can be
  // answered; everything else goes to s3rver untouched.
  const s3rverHandler = s3rver.callback();
  const server = http.createServer((req, res) => {
    if (req.method === "DELETE" && req.url?.includes("uploadId=")) {
      abortMultipartUpload(dataDir, req, res).catch((err: unknown) => {
        sendError(res, 500, "InternalError", err instanceof Error ? err.message : String(err));
      });
      return;
    }
    s3rverHandler(req, res);
  });

  const port = await listen(server, options.port);
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${HOST}:${port}`,
    ...CREDENTIALS,
    stop() {
      stopped ??= close(server);
      return stopped;
    },
  };
}

async function listen(server: http.Server, fixedPort: number | undefined): Promise<number> {
  // get-port checks a port is free, but another process can take it before we
  // bind; with a picked port, retry a few times instead of failing start-up.
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await getPort({ host: HOST }));
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once("error", onError);
        server.listen(port, HOST, () => {
          server.off("error", onError);
          resolve();
        });
      });
      return port;
    } catch (err) {
      const inUse = (err as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!inUse || fixedPort !== undefined || attempt >= 5) {
        throw new Error(`embedded S3 could not listen on ${HOST}:${port}: ${(err as Error).message}`, { cause: err });
      }
    }
  }
}

function close(server: http.Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // In-flight requests get a grace period; idle keep-alive sockets of the SDK
    // would otherwise hold close() open until they time out.
    const timer = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    timer.unref();
    server.close((err) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * AbortMultipartUpload for s3rver's filesystem store, which keeps pending
 * parts in `{dataDir}/{bucket}/._S3rver_uploads/{uploadId}/` next to a `key`
 * file (s3rver 3.7.1, lib/stores/filesystem.js). Without this the embedded
 * server answers 405 and abandoned browser uploads would pile up on disk.
 */
async function abortMultipartUpload(dataDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const url = new URL(req.url ?? "/", "http://embedded");
  const uploadId = url.searchParams.get("uploadId") ?? "";
  const slash = url.pathname.indexOf("/", 1);
  const bucket = decodeURIComponent(url.pathname.slice(1, slash === -1 ? undefined : slash));
  const key = slash === -1 ? "" : decodeURIComponent(url.pathname.slice(slash + 1));
  // s3rver makes 32 hex-digit ids; anything else cannot be one and must not reach path.join.
  if (!/^[0-9a-f]{32}$/.test(uploadId) || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes("..")) {
    sendError(res, 404, "NoSuchUpload", "The specified upload does not exist.");
    return;
  }
  const uploadDir = path.join(dataDir, bucket, "._S3rver_uploads", uploadId);
  const storedKey = await readFile(path.join(uploadDir, "key"), "utf8").catch(() => null);
  if (storedKey === null || storedKey !== key) {
    sendError(res, 404, "NoSuchUpload", "The specified upload does not exist.");
    return;
  }
  await rm(uploadDir, { recursive: true, force: true });
  res.statusCode = 204;
  res.end();
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, "_")}</Message></Error>`;
  res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
