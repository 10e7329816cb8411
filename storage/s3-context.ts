/**
 * The S3 clients and the small helpers every blob-store operation shares:
 * client configuration, error wrapping and argument checks.
 */
import { createHash } from "node:crypto";
import { S3Client } from "@aws-sdk/client-s3";
import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { StorageError, toStorageError } from "./errors";
import type { BlobStoreOptions } from "./types";

export interface StoreContext {
  readonly options: BlobStoreOptions;
  readonly bucket: string;
  /** Talks to storage. */
  readonly client: S3Client;
  /** Only signs URLs for the browser (may be `client` itself). */
  readonly presignClient: S3Client;
  /** A URL `presignClient` signed, as the browser is to use it (see `BlobStoreOptions.browserPath`). */
  readonly forBrowser: (signedUrl: string) => string;
  /** Wraps any error into a StorageError naming the operation and key. */
  readonly fail: (err: unknown, operation: string, key?: string) => StorageError;
  /** Checks the key, runs `fn`, wraps what it throws. */
  readonly call: <T>(operation: string, key: string | undefined, fn: () => Promise<T>) => Promise<T>;
}

export const MAX_PARTS = 10_000;
const DEFAULT_PRESIGN_SECONDS = 300;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const MAX_PAGE = 1000; // list pages and DeleteObjects batches both cap at 1000.

// Operations S3 documents as requiring Content-MD5. The SDK now sends a CRC32
// "flexible checksum" instead, which older MinIO and several S3 clones reject;
// Content-MD5 alone is accepted everywhere, AWS included.
const MD5_COMMANDS = new Set(["DeleteObjectsCommand", "PutBucketCorsCommand"]);

export function createStoreContext(options: BlobStoreOptions): StoreContext {
  const { bucket } = options;
  const secrets = [options.accessKeyId, options.secretAccessKey].filter((s): s is string => !!s);

  const baseConfig: S3ClientConfig = {
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    // Without these the SDK (≥3.729) sends streamed PutObject bodies as
    // aws-chunked with a trailing CRC, which s3rver and some clones store *with
    // the framing inside the object*, and presigned PUTs carry a checksum of an
    // empty body that the browser's real body then fails.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
  };
  const client = new S3Client({ ...baseConfig, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  addContentMd5Middleware(client);
  // Presigned URLs embed the host they were signed for, so the browser-facing
  // origin needs its own client. Signing is local: this client never connects.
  const presignClient =
    !options.browserPath && options.publicEndpoint && options.publicEndpoint !== options.endpoint
      ? new S3Client({ ...baseConfig, endpoint: options.publicEndpoint })
      : client;

  const fail = (err: unknown, operation: string, key?: string): StorageError =>
    toStorageError(err, { operation, bucket, key, secrets });

  const browserPath = options.browserPath?.replace(/\/+$/, "");
  const forBrowser = (signedUrl: string): string => {
    if (browserPath === undefined) return signedUrl;
    const url = new URL(signedUrl);
    return `${browserPath}${url.pathname}${url.search}`;
  };

  return {
    options,
    bucket,
    client,
    presignClient,
    forBrowser,
    fail,
    call: async <T>(operation: string, key: string | undefined, fn: () => Promise<T>): Promise<T> => {
      if (key !== undefined) assertKey(key, operation, bucket);
      try {
        return await fn();
      } catch (err) {
        throw fail(err, operation, key);
      }
    },
  };
}

/** Adds Content-MD5 and drops the flexible-checksum headers on MD5_COMMANDS (see above). */
function addContentMd5Middleware(client: S3Client): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      if (context.commandName && MD5_COMMANDS.has(context.commandName) && request.headers) {
        const body = request.body;
        if (typeof body === "string" || body instanceof Uint8Array) {
          for (const name of Object.keys(request.headers)) {
            const lower = name.toLowerCase();
            if (lower.startsWith("x-amz-checksum-") || lower === "x-amz-sdk-checksum-algorithm") {
              delete request.headers[name];
            }
          }
          request.headers["content-md5"] = createHash("md5").update(body).digest("base64");
        }
      }
      return next(args);
    },
    // "build" runs before signing; low priority runs after the SDK's checksum middleware added its headers.
    { step: "build", priority: "low", name: "parleyContentMd5" },
  );
}

/** Keys come from keys.ts; this only stops obviously broken ones before a round trip. */
export function assertKey(key: string, operation: string, bucket: string): void {
  if (typeof key !== "string" || key === "" || key.startsWith("/") || Buffer.byteLength(key) > 1024) {
    throw new StorageError(`storage ${operation} refused: invalid key ${JSON.stringify(key)}`, {
      operation,
      bucket,
      code: "InvalidKey",
    });
  }
}

export function checkPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return MAX_PAGE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
    throw new RangeError(`pageSize must be 1–${MAX_PAGE}, got ${pageSize}`);
  }
  return pageSize;
}

export function checkExpiry(expiresIn: number | undefined): number {
  const seconds = expiresIn ?? DEFAULT_PRESIGN_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    throw new RangeError(`expiresIn must be 1–${MAX_PRESIGN_SECONDS} seconds, got ${seconds}`);
  }
  return seconds;
}
