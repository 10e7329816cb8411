/**
 * Parley's only door to object storage. Every object (recordings, transcripts,
 * peaks, uploaded sources) goes through this module over the plain S3 API, so
 * the embedded s3rver, MinIO, AWS S3 and R2 all run the same code path.
 * See docs/decisions/0002-storage.md for the reasoning behind the settings.
 *
 * The operations are split by concern: objects.ts (server-side reads and
 * writes), transfers.ts (presigned browser transfers), bucket-ops.ts
 * (provisioning and health); s3-context.ts builds the clients they share.
 */
import { bucketOps } from "./bucket-ops";
import { objectOps } from "./objects";
import { createStoreContext } from "./s3-context";
import { transferOps } from "./transfers";
import type { BlobStore, BlobStoreOptions } from "./types";

export function createBlobStore(options: BlobStoreOptions): BlobStore {
  const ctx = createStoreContext(options);
  return {
    bucket: ctx.bucket,
    ...objectOps(ctx),
    ...transferOps(ctx),
    ...bucketOps(ctx),
    destroy() {
      ctx.client.destroy();
      if (ctx.presignClient !== ctx.client) ctx.presignClient.destroy();
    },
  };
}
