/**
 * Browser-direct transfers: presigned GET/PUT and presigned multipart uploads.
 * Audio is played and large files are uploaded straight between the browser
 * and storage (DESIGN.md, "Storage layout"), so these URLs are signed with the
 * browser-facing client (`publicEndpoint`). The one exception is the embedded
 * store, which the browser reaches through the app's origin (`browserPath`,
 * decision 0014).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { isNotFoundError } from "./errors";
import { MAX_PARTS, assertKey, checkExpiry } from "./s3-context";
import type { StoreContext } from "./s3-context";
import type { BlobStore } from "./types";

export type TransferOps = Pick<
  BlobStore,
  | "presignGet"
  | "presignPut"
  | "createMultipartUpload"
  | "presignUploadPart"
  | "completeMultipartUpload"
  | "abortMultipartUpload"
>;

export function transferOps(ctx: StoreContext): TransferOps {
  const { client, presignClient, forBrowser, bucket, fail, call } = ctx;

  return {
    async presignGet(key, { expiresIn, contentType, downloadName } = {}) {
      const seconds = checkExpiry(expiresIn);
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentType: contentType,
        ResponseContentDisposition: downloadName === undefined ? undefined : contentDisposition(downloadName),
      });
      return call("presignGet", key, async () =>
        forBrowser(await getSignedUrl(presignClient, command, { expiresIn: seconds })),
      );
    },

    async presignPut(key, { contentType, expiresIn }) {
      const seconds = checkExpiry(expiresIn);
      const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType });
      return call("presignPut", key, async () =>
        forBrowser(await getSignedUrl(presignClient, command, { expiresIn: seconds })),
      );
    },

    async createMultipartUpload(key, { contentType, metadata }) {
      const out = await call("createMultipartUpload", key, () =>
        client.send(
          new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType, Metadata: metadata }),
        ),
      );
      if (!out.UploadId) throw fail(new Error("no UploadId in response"), "createMultipartUpload", key);
      return out.UploadId;
    },

    async presignUploadPart(key, uploadId, partNumber, { expiresIn } = {}) {
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) {
        throw new RangeError(`part number must be 1–${MAX_PARTS}, got ${partNumber}`);
      }
      const seconds = checkExpiry(expiresIn);
      const command = new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber });
      return call("presignUploadPart", key, async () =>
        forBrowser(await getSignedUrl(presignClient, command, { expiresIn: seconds })),
      );
    },

    async completeMultipartUpload(key, uploadId, parts) {
      if (parts.length === 0) throw new RangeError(`completeMultipartUpload for "${key}" needs at least one part`);
      // S3 requires ascending part numbers; parallel browser uploads finish in any order.
      const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
      const out = await call("completeMultipartUpload", key, () =>
        client.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: sorted.map((p) => ({ PartNumber: p.partNumber, ETag: quoteEtag(p.etag) })) },
          }),
        ),
      );
      return out.ETag === undefined ? {} : { etag: out.ETag };
    },

    async abortMultipartUpload(key, uploadId) {
      assertKey(key, "abortMultipartUpload", bucket);
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
      } catch (err) {
        // Already aborted or completed: the goal (no pending upload) holds.
        if (isNotFoundError(err)) return;
        throw fail(err, "abortMultipartUpload", key);
      }
    },
  };
}

/** S3 wants quoted ETags in CompleteMultipartUpload; browsers may hand them over either way. */
function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name for browsers that read `filename*`. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
