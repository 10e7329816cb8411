import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";

export interface SweepResult {
  intents: number;
  objectsDeleted: number;
}

/**
 * Deletes the objects of uploads whose interaction row never committed (a crash or
 * failure between writing objects and committing the row). An intent younger than
 * the grace period may belong to an ingest still in flight, so it is left alone.
 * Rows are locked with SKIP LOCKED so several workers can sweep at once.
 */
export async function sweepOrphanObjects(
  db: Database,
  store: BlobStore,
  {
    graceMinutes = 60,
    uploadGraceMinutes = 7 * 60,
    batchSize = 100,
  }: { graceMinutes?: number; uploadGraceMinutes?: number; batchSize?: number } = {},
): Promise<SweepResult> {
  const cutoff = new Date(Date.now() - graceMinutes * 60_000);
  // Browser/API uploads hold presigned URLs valid for 6 hours: a slow upload must not be swept mid-way.
  const uploadCutoff = new Date(Date.now() - Math.max(graceMinutes, uploadGraceMinutes) * 60_000);
  const result: SweepResult = { intents: 0, objectsDeleted: 0 };
  for (;;) {
    const swept = await db.transaction().execute(async (trx) => {
      const intents = await trx
        .selectFrom("storage_intents")
        .select(["id", "prefix", "object_key", "multipart_upload_id"])
        .where("created_at", "<", cutoff)
        .where((eb) => eb.or([eb("created_by", "is", null), eb("created_at", "<", uploadCutoff)]))
        .orderBy("created_at")
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const intent of intents) {
        // A browser multipart upload that was never completed holds parts outside the prefix listing.
        if (intent.multipart_upload_id && intent.object_key) {
          await store.abortMultipartUpload(intent.object_key, intent.multipart_upload_id);
        }
        result.objectsDeleted += await store.deletePrefix(intent.prefix);
        await trx.deleteFrom("storage_intents").where("id", "=", intent.id).execute();
      }
      return intents.length;
    });
    result.intents += swept;
    if (swept < batchSize) return result;
  }
}
