import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import type { BlobStore } from "../../lib/storage.server";
import type { Viewer } from "../users/roles";
import { importTranscript } from "./importers/index";
import { ingestInteraction, type IngestResult } from "./ingest-interaction.server";
import type { IngestRequest } from "./ingest-request.schema";

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
  const agentId = await resolveAgent(db, request.agent);
  const { transcript, warnings } = importTranscript(request.transcript.fileName, request.transcript.content, {
    format: request.transcript.format,
    speakerRoles: request.transcript.speakerRoles,
    channel: request.transcript.channel,
    startedAt: request.startedAt,
    maxBytes: maxTranscriptBytes,
  });
  if (request.recording && transcript.channel !== "call") {
    throw new DomainError("invalid", "A recording was given with a chat or email transcript. Send a call transcript, or no recording.", {
      recording: "Only calls have recordings",
    });
  }
  const lastEnd = transcript.channel === "call" ? Math.max(0, ...transcript.segments.map((segment) => segment.endMs)) : 0;
  const chatSpan =
    transcript.channel === "call" || transcript.segments.length === 0
      ? 0
      : Date.parse(transcript.segments.at(-1)?.at ?? "") - Date.parse(transcript.segments[0]?.at ?? "");

  const result = await ingestInteraction(db, store, {
    source: request.source,
    externalId: request.externalId,
    agentId,
    startedAt: new Date(request.startedAt),
    // Calls with a recording get their exact duration from the audio in the waveform job.
    durationMs: request.durationMs ?? (transcript.channel === "call" ? lastEnd : Math.max(0, chatSpan || 0)),
    direction: request.direction ?? null,
    queue: request.queue ?? null,
    tags: request.tags,
    metadata: request.metadata,
    customerName: request.customerName ?? transcript.speakers.find((speaker) => speaker.role === "customer")?.name ?? null,
    transcript,
    sourceFile: {
      name: request.transcript.fileName,
      body: Buffer.from(request.transcript.content, "utf8"),
      contentType: "text/plain; charset=utf-8",
    },
    recording: request.recording ? { ...request.recording, uploadedBy: importer.id } : undefined,
  });
  return { ...result, warnings };
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
