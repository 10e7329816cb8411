import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { talkMetricsOf, warningsOf } from "../interactions/interaction-row";
import { transcriptSchema } from "../transcripts/transcript";
import type { Viewer } from "../users/roles";
import type { InteractionDetailJson } from "./api.schema";
import { scopedInteractionQuery, toSummaryJson } from "./interaction-json.server";

/** Presigned recording URLs live this long; a client re-fetches the interaction for a fresh one. */
export const RECORDING_URL_TTL_SECONDS = 3600;

/**
 * One interaction with its transcript and a presigned recording URL, or null — which
 * the route answers 404 — when it does not exist or is outside the viewer's scope.
 */
export async function getApiInteraction(db: Database, store: BlobStore, viewer: Viewer, id: string): Promise<InteractionDetailJson | null> {
  const row = await scopedInteractionQuery(db, viewer)
    .select([
      "interactions.failure_reason",
      "interactions.agent_talk_ms",
      "interactions.customer_talk_ms",
      "interactions.silence_ratio",
      "interactions.longest_silence_ms",
      "interactions.overtalk_ms",
      "interactions.recording_key",
      "interactions.recording_content_type",
      "interactions.recording_size",
      "interactions.recording_channels",
      "interactions.transcript_key",
      "interactions.import_warnings",
      "interactions.processing_warnings",
    ])
    .where("interactions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const [transcript, url] = await Promise.all([
    row.transcript_key ? store.getJson(row.transcript_key).then((raw) => transcriptSchema.parse(raw)) : null,
    row.recording_key ? store.presignGet(row.recording_key, { expiresIn: RECORDING_URL_TTL_SECONDS }) : null,
  ]);
  return {
    ...toSummaryJson(row),
    failureReason: row.failure_reason,
    warnings: warningsOf(row),
    metrics: talkMetricsOf(row),
    recording: url
      ? {
          url,
          expiresIn: RECORDING_URL_TTL_SECONDS,
          contentType: row.recording_content_type,
          size: row.recording_size,
          channels: row.recording_channels,
        }
      : null,
    transcript,
  };
}
