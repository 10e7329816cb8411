/**
 * One error type for every storage failure, so callers (routes, jobs, the
 * health endpoint) can tell "object missing" from "storage down" without
 * knowing SDK error shapes, and so logs say which operation on which key.
 *
 * The SDK error is deliberately not kept as `cause`: SDK exceptions can carry
 * the raw HTTP response and request details, and loggers serialise causes.
 * We copy the few fields worth having and scrub anything that looks like the
 * configured credentials out of the message.
 */

export interface StorageErrorDetails {
  operation: string;
  bucket: string;
  key?: string | undefined;
  /** S3 error code (`NoSuchKey`, `AccessDenied`, …) or a Node error code (`ECONNREFUSED`). */
  code: string;
  /** HTTP status from storage, when there was a response at all. */
  status?: number | undefined;
  requestId?: string | undefined;
}

export class StorageError extends Error {
  readonly operation: string;
  readonly bucket: string;
  readonly key: string | undefined;
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, details: StorageErrorDetails) {
    super(message);
    this.name = "StorageError";
    this.operation = details.operation;
    this.bucket = details.bucket;
    this.key = details.key;
    this.code = details.code;
    this.status = details.status;
    this.requestId = details.requestId;
  }

  /** True when the object, upload or bucket does not exist (as opposed to storage failing). */
  get notFound(): boolean {
    return this.status === 404 || NOT_FOUND_CODES.has(this.code);
  }
}

const NOT_FOUND_CODES = new Set(["NoSuchKey", "NotFound", "NoSuchBucket", "NoSuchUpload"]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

function asShape(err: unknown): SdkErrorShape {
  return typeof err === "object" && err !== null ? err : {};
}

/** HTTP status of an SDK error, undefined for network/client-side failures. */
export function errorStatus(err: unknown): number | undefined {
  const status = asShape(err).$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/** S3 error code of an SDK error (`Code`/`name`), or a Node error code (`ECONNREFUSED`) for network failures. */
export function errorCode(err: unknown): string {
  const e = asShape(err);
  for (const c of [e.Code, e.code, e.name]) {
    if (typeof c === "string" && c !== "" && c !== "Error") return c;
  }
  return "UnknownError";
}

/**
 * HEAD requests have no body, so S3 can only say "404" — the SDK names that
 * `NotFound`; GETs say `NoSuchKey`. Either means "missing", anything else is a
 * real failure that must propagate.
 */
export function isNotFoundError(err: unknown): boolean {
  if (err instanceof StorageError) return err.notFound;
  return errorStatus(err) === 404 || NOT_FOUND_CODES.has(errorCode(err));
}

export interface WrapContext {
  operation: string;
  bucket: string;
  key?: string | undefined;
  /** Values that must never appear in a message (access key id, secret). */
  secrets: readonly string[];
}

export function toStorageError(err: unknown, ctx: WrapContext): StorageError {
  if (err instanceof StorageError) return err;
  const code = errorCode(err);
  const status = errorStatus(err);
  const requestId = asShape(err).$metadata?.requestId;
  const rawMessage = asShape(err).message;
  let detail = typeof rawMessage === "string" && rawMessage !== "" ? rawMessage : code;
  // Unmodelled errors (a HEAD 404, a proxy's HTML page) come back as "UnknownError".
  if (detail === "UnknownError" && status !== undefined) detail = `HTTP ${status}`;
  for (const secret of ctx.secrets) {
    if (secret.length >= 4) detail = detail.split(secret).join("***");
  }
  const where = ctx.key === undefined ? `bucket "${ctx.bucket}"` : `"${ctx.key}" in bucket "${ctx.bucket}"`;
  const statusText = status === undefined ? "" : ` (HTTP ${status})`;
  const message = `storage ${ctx.operation} failed for ${where}: ${code}${statusText}: ${detail}`;
  return new StorageError(message, {
    operation: ctx.operation,
    bucket: ctx.bucket,
    key: ctx.key,
    code,
    status,
    requestId: typeof requestId === "string" ? requestId : undefined,
  });
}
