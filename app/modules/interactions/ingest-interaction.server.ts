import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { interactionPrefix, recordingKey, sourceKey, transcriptKey } from "../../../storage/keys";
import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { DomainError } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { computeTalkMetrics } from "./talk-metrics";
import { transcriptPlainText, type Transcript } from "./transcript";

export interface IngestInput {
  source: string;
  externalId: string;
  agentId: string;
  startedAt: Date;
  durationMs: number;
  direction?: "inbound" | "outbound" | null;
  queue?: string | null;
  tags?: string[];
  metadata?: Record<string, unknown>;
  customerName?: string | null;
  transcript: Transcript;
  /** The transcript file as it was uploaded, kept under source/ for re-parsing. */
  sourceFile?: { name: string; body: Buffer; contentType: string };
  recording?: { body: Buffer | Readable; contentType: string; ext: string; channels: 1 | 2; size?: number };
}

export type IngestResult = { status: "created"; id: string } | { status: "duplicate"; id: string };

/**
 * The one ingest use case (upload page, API, bulk import and demo seed all call it).
 * Order matters for consistency (DESIGN.md "Storage layout"): a storage intent is
 * committed first, then the objects are written, then the row and the removal of
 * the intent commit together. A crash at any point leaves either a complete
 * interaction or an intent whose objects the sweep job deletes.
 */
export async function ingestInteraction(db: Database, store: BlobStore, input: IngestInput): Promise<IngestResult> {
  const existing = await findBySourceId(db, input.source, input.externalId);
  if (existing) return { status: "duplicate", id: existing };

  const agent = await db
    .selectFrom("users")
    .leftJoin("team_members", (join) =>
      join.onRef("team_members.user_id", "=", "users.id").on("team_members.kind", "=", "agent"),
    )
    .select(["users.id", "users.role", "team_members.team_id"])
    .where("users.id", "=", input.agentId)
    .executeTakeFirst();
  if (!agent || agent.role !== "agent") {
    throw new DomainError("invalid", "The interaction's agent is not an agent account.", { agentId: "Unknown agent" });
  }

  const id = randomUUID();
  const prefix = interactionPrefix(id);
  await db.insertInto("storage_intents").values({ prefix }).execute();

  try {
    const keys = await writeObjects(store, id, input);
    const metrics =
      input.transcript.channel === "call" ? computeTalkMetrics(input.transcript, input.durationMs) : null;

    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("interactions")
        .values({
          id,
          channel: input.transcript.channel,
          source: input.source,
          external_id: input.externalId,
          agent_id: agent.id,
          team_id: agent.team_id,
          started_at: input.startedAt,
          duration_ms: input.durationMs,
          direction: input.direction ?? null,
          queue: input.queue ?? null,
          tags: input.tags ?? [],
          metadata: JSON.stringify(input.metadata ?? {}),
          customer_name: input.customerName ?? null,
          recording_key: keys.recording?.key ?? null,
          recording_content_type: input.recording?.contentType ?? null,
          recording_size: keys.recording?.size ?? null,
          recording_channels: input.recording?.channels ?? null,
          transcript_key: keys.transcript,
          source_key: keys.source,
          status: "ready",
          agent_talk_ms: metrics?.agentTalkMs ?? null,
          customer_talk_ms: metrics?.customerTalkMs ?? null,
          silence_ratio: metrics?.silenceRatio ?? null,
          longest_silence_ms: metrics?.longestSilenceMs ?? null,
          overtalk_ms: metrics?.overtalkMs ?? null,
          transcript_text: transcriptPlainText(input.transcript),
        })
        .execute();
      // An ingest slower than the sweep's grace period may have lost its objects: then the
      // intent is gone too, and committing the row would point at nothing.
      const intent = await trx.deleteFrom("storage_intents").where("prefix", "=", prefix).returning("id").executeTakeFirst();
      if (!intent) throw new Error(`the upload for ${id} expired before it was recorded; import it again`);
    });
    return { status: "created", id };
  } catch (error) {
    await discardObjects(db, store, prefix);
    // Two imports of the same id racing: the loser reports a duplicate, not an error.
    const winner = isUniqueViolation(error) ? await findBySourceId(db, input.source, input.externalId) : null;
    if (winner) return { status: "duplicate", id: winner };
    throw error;
  }
}

async function writeObjects(store: BlobStore, id: string, input: IngestInput) {
  let recording: { key: string; size: number } | null = null;
  if (input.recording) {
    const key = recordingKey(id, input.recording.ext);
    const { body, contentType } = input.recording;
    if (Buffer.isBuffer(body)) {
      await store.put(key, body, { contentType });
      recording = { key, size: body.length };
    } else {
      const { size } = await store.putStream(key, body, { contentType, contentLength: input.recording.size });
      recording = { key, size };
    }
  }
  const transcript = transcriptKey(id);
  await store.put(transcript, JSON.stringify(input.transcript), { contentType: "application/json" });
  let source: string | null = null;
  if (input.sourceFile) {
    source = sourceKey(id, input.sourceFile.name);
    await store.put(source, input.sourceFile.body, { contentType: input.sourceFile.contentType });
  }
  return { recording, transcript, source };
}

/** Best effort: on failure the intent stays and the sweep job finishes the clean-up. */
async function discardObjects(db: Database, store: BlobStore, prefix: string): Promise<void> {
  try {
    await store.deletePrefix(prefix);
    await db.deleteFrom("storage_intents").where("prefix", "=", prefix).execute();
  } catch {
    // left for sweepOrphanObjects
  }
}

async function findBySourceId(db: Database, source: string, externalId: string): Promise<string | null> {
  const row = await db
    .selectFrom("interactions")
    .select("id")
    .where("source", "=", source)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row?.id ?? null;
}

