/**
 * Server-side object operations: write, read, inspect, list and delete.
 * (Browser-direct transfers live in transfers.ts, bucket setup in bucket-ops.ts.)
 */
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import type { DeleteObjectsCommandOutput } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { StorageError, errorCode, errorStatus, isNotFoundError } from "./errors";
import { MAX_PARTS, assertKey, checkPageSize } from "./s3-context";
import type { StoreContext } from "./s3-context";
import type { BlobStore, ListedObject, PageOptions } from "./types";

export type ObjectOps = Pick<
  BlobStore,
  | "put"
  | "putStream"
  | "copy"
  | "get"
  | "getStream"
  | "getText"
  | "getJson"
  | "getRange"
  | "head"
  | "exists"
  | "delete"
  | "deletePrefix"
  | "list"
>;

// lib-storage buffers up to `queueSize` parts: 4 × 8 MiB bounds a streamed put
// at ~32 MiB whatever the file size; 8 MiB × 10 000 parts allows 80 GB objects.
const STREAM_PART_SIZE = 8 * 1024 * 1024;
const STREAM_QUEUE_SIZE = 4;

export function objectOps(ctx: StoreContext): ObjectOps {
  const { client, bucket, fail, call } = ctx;

  async function getBody(operation: string, key: string, range?: string) {
    return call(operation, key, async () => {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
      if (!out.Body) throw new Error("response had no body");
      return out;
    });
  }

  /**
   * Pages with ListObjects (V1) and `Marker` = last key seen. V2's continuation
   * tokens would be the modern choice, but s3rver 3.7.1 builds them with DES,
   * which Node ≥17 (OpenSSL 3) refuses: every truncated V2 page is a 500 there.
   * Without a delimiter, V1 + last-key marker pages identically and is
   * implemented by every provider we target (AWS, MinIO, R2, GCS interop).
   */
  async function* list(prefix: string, pageOptions: PageOptions = {}): AsyncGenerator<ListedObject> {
    const pageSize = checkPageSize(pageOptions.pageSize);
    let marker: string | undefined;
    for (;;) {
      const page = await call("list", undefined, () =>
        client.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, MaxKeys: pageSize, Marker: marker })),
      );
      const contents = page.Contents ?? [];
      for (const o of contents) {
        if (o.Key === undefined) continue;
        // Every provider sends LastModified; epoch keeps the type honest without inventing "now".
        yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
      }
      if (!page.IsTruncated) return;
      const next = page.NextMarker ?? contents[contents.length - 1]?.Key;
      // A truncated page that does not move the marker would loop forever; fail loudly instead.
      if (next === undefined || next === marker) {
        throw new StorageError(`storage list failed for prefix "${prefix}" in bucket "${bucket}": paging stalled`, {
          operation: "list",
          bucket,
          code: "PagingStalled",
        });
      }
      marker = next;
    }
  }

  // Set once a provider answers DeleteObjects with NotImplemented/501 (no batch delete, e.g. some GCS interop setups).
  let batchDeleteUnsupported = false;

  async function deleteBatch(keys: string[]): Promise<number> {
    if (!batchDeleteUnsupported) {
      let out: DeleteObjectsCommandOutput | undefined;
      try {
        out = await client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
        );
      } catch (err) {
        if (errorCode(err) !== "NotImplemented" && errorStatus(err) !== 501) throw fail(err, "deletePrefix");
        batchDeleteUnsupported = true;
      }
      if (out) {
        // DeleteObjects answers 200 even when some keys failed; the failures are in the body.
        const first = out.Errors?.[0];
        if (first) {
          throw new StorageError(
            `storage deletePrefix failed for "${first.Key ?? "?"}" in bucket "${bucket}": ` +
              `${first.Code ?? "UnknownError"}: ${first.Message ?? ""} ` +
              `(${out.Errors?.length ?? 1} of ${keys.length} keys failed)`,
            { operation: "deletePrefix", bucket, key: first.Key, code: first.Code ?? "UnknownError" },
          );
        }
        return keys.length;
      }
    }
    for (const key of keys) await ops.delete(key);
    return keys.length;
  }

  const ops: ObjectOps = {
    async put(key, body, { contentType, metadata }) {
      await call("put", key, () =>
        client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, Metadata: metadata }),
        ),
      );
    },

    async copy(fromKey, toKey) {
      assertKey(fromKey, "copy", bucket);
      assertKey(toKey, "copy", bucket);
      // CopySource is "bucket/key", URL-encoded; each key segment is encoded so "/" stays a separator.
      const source = `${bucket}/${fromKey.split("/").map(encodeURIComponent).join("/")}`;
      await call("copy", toKey, () => client.send(new CopyObjectCommand({ Bucket: bucket, Key: toKey, CopySource: source, MetadataDirective: "COPY" })));
    },

    async putStream(key, stream, { contentType, metadata, contentLength }) {
      assertKey(key, "putStream", bucket);
      let size = 0;
      // Counts bytes as they pass, so the caller learns the stored size without buffering or a HEAD.
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          callback(null, chunk);
        },
      });
      const partSize =
        contentLength === undefined
          ? STREAM_PART_SIZE
          : Math.max(STREAM_PART_SIZE, Math.ceil(contentLength / MAX_PARTS));
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: counter, ContentType: contentType, Metadata: metadata },
        partSize,
        queueSize: STREAM_QUEUE_SIZE,
        leavePartsOnError: false, // lib-storage aborts the multipart upload on failure
      });
      // Whichever side fails first tears down the other: a source error reaches
      // the upload through `counter`, an upload error stops the source instead
      // of leaving it stuck on backpressure. We then wait for *both* to settle,
      // so lib-storage has aborted its multipart upload before we return.
      let failed = false;
      let firstError: unknown;
      const onError = (err: unknown): never => {
        if (!failed) {
          failed = true;
          firstError = err;
        }
        stream.destroy();
        counter.destroy();
        throw err;
      };
      await Promise.allSettled([upload.done().catch(onError), pipeline(stream, counter).catch(onError)]);
      if (failed) throw fail(firstError, "putStream", key);
      if (contentLength !== undefined && size !== contentLength) {
        await ops.delete(key);
        throw new StorageError(
          `storage putStream failed for "${key}" in bucket "${bucket}": stream gave ${size} bytes, expected ${contentLength}`,
          { operation: "putStream", bucket, key, code: "IncompleteBody" },
        );
      }
      return { size };
    },

    async get(key) {
      const { Body } = await getBody("get", key);
      const bytes = await call("get", key, async () => (Body ? Body.transformToByteArray() : new Uint8Array()));
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },

    async getStream(key) {
      const { Body } = await getBody("getStream", key);
      // In Node the SDK's body is an IncomingMessage (a Readable) with helper methods mixed in.
      if (!(Body instanceof Readable)) throw fail(new Error("body is not a Node stream"), "getStream", key);
      return Body;
    },

    async getText(key) {
      return (await ops.get(key)).toString("utf8");
    },

    async getJson<T = unknown>(key: string): Promise<T> {
      const text = await ops.getText(key);
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new StorageError(`storage getJson failed for "${key}" in bucket "${bucket}": invalid JSON: ${reason}`, {
          operation: "getJson",
          bucket,
          key,
          code: "InvalidJson",
        });
      }
    },

    async getRange(key, start, endInclusive) {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(endInclusive) || start < 0 || endInclusive < start) {
        throw new RangeError(`invalid byte range ${start}-${endInclusive} for "${key}"`);
      }
      const { Body, ContentRange } = await getBody("getRange", key, `bytes=${start}-${endInclusive}`);
      if (!(Body instanceof Readable)) throw fail(new Error("body is not a Node stream"), "getRange", key);
      // Trust the Content-Range, not the request: a server that ignored the
      // range would otherwise hand back the wrong bytes silently.
      const served = /^bytes (\d+)-/.exec(ContentRange ?? "");
      if (!served || Number(served[1]) !== start) {
        Body.destroy();
        throw new StorageError(
          `storage getRange failed for "${key}" in bucket "${bucket}": server did not honour bytes=${start}-${endInclusive}`,
          { operation: "getRange", bucket, key, code: "RangeNotHonoured" },
        );
      }
      // Read no more than asked: s3rver answers `bytes=0-0` with the whole object.
      const want = endInclusive - start + 1;
      const chunks: Buffer[] = [];
      let got = 0;
      try {
        for await (const chunk of Body) {
          chunks.push(chunk as Buffer);
          got += (chunk as Buffer).length;
          if (got >= want) break; // leaving the loop destroys the stream
        }
      } catch (err) {
        throw fail(err, "getRange", key);
      }
      return Buffer.concat(chunks).subarray(0, want);
    },

    async head(key) {
      assertKey(key, "head", bucket);
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          size: out.ContentLength ?? 0,
          ...(out.ContentType !== undefined ? { contentType: out.ContentType } : {}),
          ...(out.LastModified !== undefined ? { lastModified: out.LastModified } : {}),
          ...(out.ETag !== undefined ? { etag: out.ETag } : {}),
          metadata: out.Metadata ?? {},
        };
      } catch (err) {
        // Only "missing" becomes null; AccessDenied, network errors and 5xx must surface.
        if (isNotFoundError(err)) return null;
        throw fail(err, "head", key);
      }
    },

    async exists(key) {
      return (await ops.head(key)) !== null;
    },

    async delete(key) {
      // S3 answers 204 for missing keys too, so this is idempotent by protocol.
      await call("delete", key, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
    },

    async deletePrefix(prefix, pageOptions = {}) {
      // An empty prefix would empty the whole bucket: never what a caller means.
      if (prefix === "") {
        throw new StorageError("storage deletePrefix refused: empty prefix", {
          operation: "deletePrefix",
          bucket,
          code: "InvalidPrefix",
        });
      }
      const batchSize = checkPageSize(pageOptions.pageSize);
      let deleted = 0;
      let batch: string[] = [];
      // Deleting between pages is safe: the marker is a key position, not a snapshot.
      for await (const o of list(prefix, { pageSize: batchSize })) {
        batch.push(o.key);
        if (batch.length >= batchSize) {
          deleted += await deleteBatch(batch);
          batch = [];
        }
      }
      if (batch.length > 0) deleted += await deleteBatch(batch);
      return deleted;
    },

    list,
  };
  return ops;
}
