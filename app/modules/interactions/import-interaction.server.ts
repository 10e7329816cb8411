import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import { DomainError } from "../../lib/errors";
import type { BlobStore } from "../../lib/storage.server";
import type { Viewer } from "../users/roles";
import { importTranscript } from "../transcripts/index";
import { ingestInteraction, type IngestResult } from "./ingest-interaction.server";
import type { IngestRequest } from "./ingest-request.schema";
import { callEndMs, chatSpanMs } from "../transcripts/transcript";
import { durationOverrunWarning, recordingOverrunWarning } from "./transcript-length";

export type ImportInteractionResult = IngestResult & { warnings: string[] };

/**
 * An import request (API, upload page, bulk import) turned into an interaction: the
 * agent is resolved, the transcript converted to the canonical format (its original
 * kept under source/), and everything handed to the one ingest use case.
 */
export async function importInteraction(
  db: Database,
  store: BlobStore,
  importer: Viewer,
  request: IngestRequest,
  { maxTranscriptBytes }: { maxTranscriptBytes: number },
): Promise<ImportInteractionResult> {
  assertCan(importer, "interactions:ingest");
  const agentId = await resolveAgent(db, request.agent);
  const file = transcriptFileOf(request.transcript);
  const imported = importTranscript(request.transcript.fileName, file.body, {
    format: request.transcript.format,
    speakerRoles: request.transcript.speakerRoles,
    channel: request.transcript.channel,
    startedAt: request.startedAt,
    maxBytes: maxTranscriptBytes,
    encoding: request.transcript.encoding,
  });
  const { transcript } = imported;
  const warnings = [...imported.warnings];
  if (request.recording && transcript.channel !== "call") {
    throw new DomainError("invalid", "A recording was given with a chat or email transcript. Send a call transcript, or no recording.", {
      recording: "Only calls have recordings",
    });
  }
  const transcriptMs = transcript.channel === "call" ? callEndMs(transcript) : chatSpanMs(transcript);
  // A call with a recording is held to the audio by the waveform job, which knows its length.
  if (transcript.channel === "call" && request.durationMs != null && !request.recording) {
    const overrun = durationOverrunWarning(transcriptMs, request.durationMs);
    if (overrun) warnings.push(overrun);
  }

  const result = await ingestInteraction(db, store, {
    source: request.source,
    externalId: request.externalId,
    agentId,
    startedAt: new Date(request.startedAt),
    // Calls with a recording get their exact duration from the audio in the waveform job.
    durationMs: request.durationMs ?? transcriptMs,
    direction: request.direction ?? null,
    queue: request.queue ?? null,
    tags: request.tags,
    metadata: request.metadata,
    csat: request.csat ?? null,
    customerName: request.customerName ?? transcript.speakers.find((speaker) => speaker.role === "customer")?.name ?? null,
    transcript,
    warnings,
    sourceFile: {
      name: request.transcript.fileName,
      body: file.original ?? Buffer.from(request.transcript.content ?? "", "utf8"),
      contentType: `text/plain; charset=${file.original ? (imported.encoding ?? "utf-8") : "utf-8"}`,
    },
    recording: request.recording ? { ...request.recording, uploadedBy: importer.id } : undefined,
  });
  // Said at once when the recording's header tells its length; the waveform job, which
  // measures every recording, keeps the same warning with the interaction.
  const early = result.status === "created" && result.recordingHeaderMs != null ? recordingOverrunWarning(transcriptMs, result.recordingHeaderMs) : null;
  return { ...result, warnings: early ? [...warnings, early] : warnings };
}

/** The transcript as text, or as the bytes sent in base64 (kept as they are under source/). */
function transcriptFileOf(transcript: IngestRequest["transcript"]): { body: string | Uint8Array; original: Buffer | null } {
  if (transcript.contentBase64 === undefined) return { body: transcript.content ?? "", original: null };
  const original = Buffer.from(transcript.contentBase64.replace(/\s+/g, ""), "base64");
  return { body: new Uint8Array(original.buffer, original.byteOffset, original.byteLength), original };
}

/** An agent named by email (case-insensitive) or user id. */
export async function resolveAgent(db: Database, agent: string): Promise<string> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(agent);
  const row = await db
    .selectFrom("users")
    .select(["id", "role", "active"])
    .where((eb) => (byId ? eb("id", "=", agent) : eb(eb.fn("lower", ["email"]), "=", agent.toLowerCase())))
    .executeTakeFirst();
  if (!row || row.role !== "agent") {
    throw new DomainError("invalid", `No agent account matches "${agent}". Use the agent's email as it is in Parley.`, {
      agent: "Unknown agent",
    });
  }
  return row.id;
}
