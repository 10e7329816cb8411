/**
 * The blob store's public types, kept apart from the implementation so the
 * interface reads in one place. Re-exported by blob-store.ts and index.ts.
 */
import type { Readable } from "node:stream";

export interface BlobStoreOptions {
  /** Server-side endpoint; omit for AWS S3. */
  endpoint?: string;
  /**
   * Origin the *browser* uses for presigned URLs when it differs from
   * `endpoint` (e.g. a Docker service name inside, a public host outside).
   */
  publicEndpoint?: string;
  /**
   * The path at which the browser reaches storage through the app's own origin
   * (embedded store, decision 0014), e.g. `/storage`. Presigned URLs are then
   * relative (`/storage/<bucket>/<key>?X-Amz-…`), so they work on whatever address
   * the page was opened at; they are signed for `endpoint`, whose host the app's
   * proxy sends on. Overrides `publicEndpoint`.
   */
  browserPath?: string;
  region: string;
  bucket: string;
  /** Omit both to use the SDK's default chain (environment, instance role, …). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `true` for s3rver and MinIO; `false` for virtual-hosted AWS/R2. */
  forcePathStyle: boolean;
}

export interface PutOptions {
  contentType: string;
  /** Stored as `x-amz-meta-*`; S3 lowercases the names. */
  metadata?: Record<string, string>;
}

export interface PutStreamOptions extends PutOptions {
  /** When known, the byte count the stream must produce; a mismatch fails the put and removes the object. */
  contentLength?: number;
}

export interface ObjectInfo {
  size: number;
  contentType?: string;
  lastModified?: Date;
  etag?: string;
  metadata: Record<string, string>;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface PageOptions {
  /** Keys per list page / DeleteObjects batch (1–1000, default 1000). Tests use small pages to exercise paging. */
  pageSize?: number;
}

export interface PresignGetOptions {
  /** Seconds; default 300, at most 7 days (the SigV4 limit). */
  expiresIn?: number;
  /** Overrides the stored Content-Type in the response. */
  contentType?: string;
  /** Makes the browser download under this file name instead of displaying. */
  downloadName?: string;
}

export interface PresignPutOptions {
  /** Signed into the URL: the browser must send exactly this Content-Type. */
  contentType: string;
  expiresIn?: number;
}

export interface CompletedPart {
  partNumber: number;
  /** As the part PUT answered it, quoted or not. */
  etag: string;
}

export interface EnsureBucketResult {
  created: boolean;
  corsApplied: boolean;
  /** Why CORS was not applied (provider refused, or no origins given). The caller logs it. */
  corsError?: string;
}

export interface BlobStore {
  readonly bucket: string;

  put(key: string, body: Buffer | Uint8Array | string, options: PutOptions): Promise<void>;
  /**
   * A server-side copy (S3 CopyObject): the bytes, content type and metadata of `fromKey` under
   * `toKey`, without passing through Parley (up to 5 GB, S3's limit for one copy).
   */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** Streams in constant memory (multipart above one part); `size` is the bytes that passed through. */
  putStream(key: string, stream: Readable, options: PutStreamOptions): Promise<{ size: number }>;
  get(key: string): Promise<Buffer>;
  getStream(key: string): Promise<Readable>;
  getText(key: string): Promise<string>;
  getJson<T = unknown>(key: string): Promise<T>;
  getRange(key: string, start: number, endInclusive: number): Promise<Buffer>;
  /** null when the object does not exist; every other failure throws. */
  head(key: string): Promise<ObjectInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Deletes every object under `prefix` (never ""), returns how many. */
  deletePrefix(prefix: string, options?: PageOptions): Promise<number>;
  list(prefix: string, options?: PageOptions): AsyncIterable<ListedObject>;

  presignGet(key: string, options?: PresignGetOptions): Promise<string>;
  presignPut(key: string, options: PresignPutOptions): Promise<string>;
  /** Browser multipart upload: create → presign each part → browser PUTs → complete (or abort). */
  createMultipartUpload(key: string, options: PutOptions): Promise<string>;
  presignUploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    options?: { expiresIn?: number },
  ): Promise<string>;
  completeMultipartUpload(key: string, uploadId: string, parts: readonly CompletedPart[]): Promise<{ etag?: string }>;
  /** Idempotent: an unknown (already aborted or completed) upload is not an error. */
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;

  ensureBucket(options: { corsOrigins: readonly string[] }): Promise<EnsureBucketResult>;
  /** HeadBucket with a timeout, for the health endpoint; throws a StorageError with a hint. */
  ping(options?: { timeoutMs?: number }): Promise<true>;
  /** Closes the clients' keep-alive sockets (graceful shutdown). */
  destroy(): void;
}
