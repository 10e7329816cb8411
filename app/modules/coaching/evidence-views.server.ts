/**
 * A plan's evidence as its page shows it (issue 15 §1): the conversation, the transcript span
 * quoted, and for an annotated moment of a recording the recording's presigned URL with the
 * moment's bounds, so the moment plays inline (app/components/coaching/evidence-item.tsx). The
 * evidence comes from getCoachingPlan, already scoped to what the viewer may see; the URLs are
 * signed only for those items, and last an hour as on the conversation page.
 */
import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { formatDate } from "../../lib/time";
import type { PlanEvidence } from "./get-plan.server";

const MEDIA_URL_SECONDS = 3600;

export interface EvidenceView {
  id: string;
  kind: "strength" | "opportunity";
  note: string;
  evaluationId: string;
  conversation: string;
  score: number | null;
  annotation: { comment: string; quote: string | null; moment: string | null } | null;
  /** The annotated moment of the recording, to play inline; null without a recording or a time range. */
  media: { url: string; startMs: number; endMs: number } | null;
}

export const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, "0")}`;

export async function evidenceViews(db: Database, store: BlobStore, evidence: readonly PlanEvidence[], timeZone: string): Promise<EvidenceView[]> {
  const timed = evidence.filter((e) => e.hasRecording && e.annotation?.startMs !== null && e.annotation?.startMs !== undefined);
  const interactionIds = [...new Set(timed.map((e) => e.interactionId))];
  const rows = interactionIds.length === 0 ? [] : await db.selectFrom("interactions").select(["id", "recording_key"]).where("id", "in", interactionIds).execute();
  const urls = new Map<string, string>();
  for (const row of rows) if (row.recording_key) urls.set(row.id, await store.presignGet(row.recording_key, { expiresIn: MEDIA_URL_SECONDS }));
  return evidence.map((e) => {
    const startMs = e.annotation?.startMs ?? null;
    const endMs = startMs === null ? null : Math.max(startMs, e.annotation?.endMs ?? startMs);
    const url = urls.get(e.interactionId);
    return {
      id: e.id,
      kind: e.kind,
      note: e.note,
      evaluationId: e.evaluationId,
      conversation: formatDate(e.conversationAt, timeZone),
      score: e.score,
      annotation: e.annotation ? { comment: e.annotation.comment, quote: e.annotation.quote, moment: startMs === null ? null : `${clock(startMs)}–${clock(endMs!)}` } : null,
      media: url && startMs !== null && endMs !== null ? { url, startMs, endMs } : null,
    };
  });
}
