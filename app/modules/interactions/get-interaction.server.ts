import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { readWaveformOverview, type WaveformOverview } from "../recordings/waveform-overview";
import type { Viewer } from "../users/roles";
import { scopeInteractions } from "../access/interaction-scope.server";
import { talkMetricsOf, warningsOf, type TalkMetrics } from "./interaction-row";
import type { InteractionSummary } from "./interaction-summary.server";
import { transcriptSchema, type Transcript } from "../transcripts/transcript";

/** The interaction page's interaction: the fields of the summary every list shows, and what only its page shows. */
export interface InteractionDetail
  extends Pick<InteractionSummary, "id" | "channel" | "source" | "externalId" | "startedAt" | "durationMs" | "queue" | "tags" | "customerName" | "status"> {
  direction: string | null;
  agentName: string;
  teamName: string | null;
  /** When the status was last set (the waveform job started or ended). */
  statusSince: Date;
  failureReason: string | null;
  /** What the import and the waveform job noticed (skipped cues, audio cut short, a transcript past the recording). */
  warnings: string[];
  summary: string | null;
  metrics: TalkMetrics;
  recording: { url: string; contentType: string | null; channels: number | null } | null;
  /**
   * The waveform peaks (peaks.json, docs/decisions/0006) once computed: a presigned GET,
   * and the small overview pages draw first (null for peaks computed before it existed).
   */
  peaks: { url: string; overview: WaveformOverview | null } | null;
  transcript: Transcript | null;
}

/** Presigned URLs live long enough for a long review session without a reload. */
const MEDIA_URL_SECONDS = 3600;

/**
 * One interaction as the viewer may see it, or null, which the route answers
 * with 404: outside the viewer's scope is indistinguishable from missing.
 */
export async function getInteraction(db: Database, store: BlobStore, viewer: Viewer, id: string): Promise<InteractionDetail | null> {
  const row = await scopeInteractions(db.selectFrom("interactions"), viewer)
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .leftJoin("teams", "teams.id", "interactions.team_id")
    .selectAll("interactions")
    .select(["agent.name as agent_name", "teams.name as team_name"])
    .where("interactions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;

  const [transcript, url, peaksUrl] = await Promise.all([
    row.transcript_key ? store.getJson(row.transcript_key).then((raw) => transcriptSchema.parse(raw)) : null,
    row.recording_key ? store.presignGet(row.recording_key, { expiresIn: MEDIA_URL_SECONDS }) : null,
    // Peaks are only trusted once the job has marked the interaction ready.
    row.peaks_key && row.status === "ready" ? store.presignGet(row.peaks_key, { expiresIn: MEDIA_URL_SECONDS }) : null,
  ]);
  const metadata = row.metadata as Record<string, unknown>;
  return {
    id: row.id,
    channel: row.channel as InteractionDetail["channel"],
    source: row.source,
    externalId: row.external_id,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    direction: row.direction,
    queue: row.queue,
    tags: row.tags,
    customerName: row.customer_name,
    agentName: row.agent_name,
    teamName: row.team_name,
    status: row.status as InteractionDetail["status"],
    statusSince: row.updated_at,
    failureReason: row.failure_reason,
    warnings: warningsOf(row),
    summary: typeof metadata.summary === "string" ? metadata.summary : null,
    metrics: talkMetricsOf(row),
    recording: url ? { url, contentType: row.recording_content_type, channels: row.recording_channels } : null,
    peaks: peaksUrl ? { url: peaksUrl, overview: readWaveformOverview(row.waveform_overview) } : null,
    transcript,
  };
}
