import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { enqueueJob } from "../../lib/jobs.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { scopeInteractions } from "../access/interaction-scope.server";
import { assertCan } from "../access/refusals";
import { processingRetryable } from "./processing-retry";

/**
 * Queues the waveform job again for an interaction whose processing failed, or has been
 * processing for `retryAfterMinutes` or more (its job may have been lost). For whoever
 * imports interactions (`interactions:ingest`), within their scope.
 */
export async function retryProcessing(
  db: Database,
  viewer: Viewer,
  interactionId: string,
  { retryAfterMinutes, now = new Date() }: { retryAfterMinutes: number; now?: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await scopeInteractions(trx.selectFrom("interactions"), viewer)
      .select(["interactions.id", "interactions.status", "interactions.recording_key", "interactions.failure_reason", "interactions.updated_at"])
      .where("interactions.id", "=", interactionId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("Interaction");
    assertCan(viewer, "interactions:ingest");
    if (!row.recording_key) throw new DomainError("invalid", "This interaction has no recording to process.");
    const status = row.status as "processing" | "ready" | "failed";
    if (!processingRetryable({ status, statusSince: row.updated_at }, now, retryAfterMinutes)) {
      throw new DomainError(
        "conflict",
        status === "ready" ? "This interaction's waveform is ready; reload the page." : "This interaction is still being processed; reload the page.",
      );
    }
    await trx
      .updateTable("interactions")
      .set({ status: "processing", failure_reason: null, updated_at: new Date() })
      .where("id", "=", interactionId)
      .execute();
    await enqueueJob(trx, "compute_peaks", { interactionId }, { jobKey: `peaks:${interactionId}` });
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "interaction.retry_processing",
      entityType: "interaction",
      entityId: interactionId,
      before: { status: row.status, failureReason: row.failure_reason, since: row.updated_at.toISOString() },
    });
  });
}
