/**
 * The embedded S3 server for `npm start` without S3_ENDPOINT (DESIGN.md,
 * "Embedded defaults"): s3rver on loopback over a data folder. The app talks
 * to it with the same blob-store code as to AWS, so this file only starts and
 * stops a server; it offers no shortcut around the S3 API.
 *
 * s3rver itself lets anyone in (it skips unsigned requests and never checks a V4
 * signature), so the HTTP server around it refuses with 403 every request whose
 * AWS Signature V4 does not verify against this installation's own key, kept in
 * the data folder (decision 0014). Only CORS preflights pass unsigned.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import getPort from "get-port";
import S3rver from "s3rver";
import { randomSecret, readOrCreateSecretFile } from "../server/secret-file";
import { corsXml } from "./cors";
import { createSignatureChecker, type StoreCredentials } from "./signature-check";

export interface EmbeddedS3Options {
  /** Folder holding the objects; created if missing, kept across restarts. */
  dataDir: string;
  bucket: string;
  /** Fixed port; a free one is picked when omitted. */
  port?: number;
  /**
   * Origins allowed by the bucket's CORS rule. Defaults to `*`: every request
   * must carry a valid signature, so the origin check adds nothing here (and the
   * app serves the browser through its own origin anyway, decision 0014).
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
/**
 * The installation's key, made on first start. Inside the data folder but not a valid
 * bucket name (leading dot), so s3rver never lists or serves it.
 */
export const CREDENTIALS_FILE = ".parley-credentials.json";
// s3rver's built-in account. Requests are checked against the installation's key first,
// then handed to s3rver under this one: s3rver needs an account it knows to honour
// response-header overrides (presigned downloads), and never checks the signature.
const S3RVER_ACCESS_KEY_ID = "S3RVER";
const STOP_GRACE_MS = 5000;

/** The installation's access key and secret: read from the data folder, created there on first start. */
export async function embeddedS3Credentials(dataDir: string): Promise<StoreCredentials> {
  const file = path.join(path.resolve(dataDir), CREDENTIALS_FILE);
  const { content } = await readOrCreateSecretFile(file, () =>
    JSON.stringify({ accessKeyId: `PARLEY${randomSecret(8).toUpperCase()}`, secretAccessKey: randomSecret(32) }) + "\n",
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    parsed = null;
  }
  const { accessKeyId, secretAccessKey } = (parsed ?? {}) as Partial<StoreCredentials>;
  if (typeof accessKeyId !== "string" || !/^[A-Za-z0-9]+$/.test(accessKeyId) || typeof secretAccessKey !== "string" || secretAccessKey.length < 16) {
    throw new Error(
      `${file} is damaged. Delete it and restart: a new key is made, and the stored objects are kept.`,
    );
  }
  return { accessKeyId, secretAccessKey };
}

export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const credentials = await embeddedS3Credentials(dataDir);
  const checkSignature = createSignatureChecker(credentials);
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
  // s3rver.run()) to check every signature first, and so AbortMultipartUpload,
  // which s3rver 3.7.1 lacks, can be answered; the rest goes to s3rver.
  const s3rverHandler = s3rver.callback();
  const server = http.createServer((req, res) => {
    // A CORS preflight carries no signature by design and reads or writes nothing.
    if (req.method === "OPTIONS") {
      s3rverHandler(req, res);
      return;
    }
    checkSignature({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers })
      .then((verdict) => {
        if (!verdict.ok) {
          refuse(req, res, verdict.code, verdict.message);
          return;
        }
        asS3rverAccount(req, verdict.mechanism, credentials.accessKeyId);
        if (req.method === "DELETE" && req.url?.includes("uploadId=")) {
          return abortMultipartUpload(dataDir, req, res);
        }
        s3rverHandler(req, res);
      })
      .catch((err: unknown) => {
        sendError(res, 500, "InternalError", err instanceof Error ? err.message : String(err));
      });
  });

  const port = await listen(server, options.port);
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${HOST}:${port}`,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
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

/** A verified request, re-labelled with s3rver's own access key (see S3RVER_ACCESS_KEY_ID). */
function asS3rverAccount(req: IncomingMessage, mechanism: "header" | "query", accessKeyId: string): void {
  const ours = `${accessKeyId}/`;
  if (mechanism === "header") {
    req.headers.authorization = req.headers.authorization?.replace(`Credential=${ours}`, `Credential=${S3RVER_ACCESS_KEY_ID}/`);
    return;
  }
  // The checker has read this query already: it decodes, and its credential starts with our key.
  const url = req.url ?? "/";
  const at = url.indexOf("?");
  const parts = url.slice(at + 1).split("&").map((part) => {
    const eq = part.indexOf("=");
    if (eq === -1 || decodeURIComponent(part.slice(0, eq)) !== "X-Amz-Credential") return part;
    const scope = decodeURIComponent(part.slice(eq + 1)).slice(accessKeyId.length);
    return `X-Amz-Credential=${encodeURIComponent(S3RVER_ACCESS_KEY_ID + scope)}`;
  });
  req.url = `${url.slice(0, at)}?${parts.join("&")}`;
}

/**
 * 403 with S3's error body. The connection is closed after it: a refused upload's body is
 * not read (it may be a gigabyte), and a half-read request cannot be followed by another.
 */
function refuse(req: IncomingMessage, res: ServerResponse, code: string, message: string): void {
  res.setHeader("Connection", "close");
  sendError(res, 403, code, message);
  req.resume();
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
