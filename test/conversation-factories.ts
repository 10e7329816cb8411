/**
 * Realistic conversations for tests that play, read or score them: the files under
 * db/seed/demo/ (real recordings with word-timed transcripts, chat exports) used as fixture
 * content and ingested for an agent the test made, through the same ingest use case as an
 * import. Nothing here reads the seeded demo organisation.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { transcriptSchema, type Transcript } from "../app/modules/transcripts/transcript";
import { seedInteraction } from "./factories";

const DEMO_DIR = path.resolve("db/seed/demo");

const entrySchema = z.object({
  slug: z.string(),
  channel: z.enum(["call", "chat"]),
  customerName: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  queue: z.string(),
  tags: z.array(z.string()),
  recording: z.string().optional(),
  transcript: z.string(),
  durationMs: z.number().int(),
  summary: z.string(),
});
export type ConversationFixture = z.infer<typeof entrySchema>;

let manifest: Promise<ConversationFixture[]> | undefined;

/** One conversation of db/seed/demo/manifest.json by its slug (e.g. "call-tech-area-outage"). */
export async function conversationFixture(slug: string): Promise<ConversationFixture> {
  manifest ??= fs.readFile(path.join(DEMO_DIR, "manifest.json"), "utf8").then((text) => z.array(entrySchema).parse(JSON.parse(text)));
  const entry = (await manifest).find((candidate) => candidate.slug === slug);
  if (!entry) throw new Error(`No conversation ${slug} in db/seed/demo/manifest.json`);
  return entry;
}

/**
 * Ingests the fixture conversation `slug` as a conversation of `agentId`, started at
 * `startedAt`, with its recording (calls) and its queue, tags and customer; chat message times
 * are moved to `startedAt`. Calls are "processing" until the server's job runner has drawn
 * their waveform.
 */
export async function seedConversation(
  agentId: string,
  slug: string,
  options: { startedAt?: Date; externalId?: string; tags?: string[]; queue?: string } = {},
): Promise<{ id: string; fixture: ConversationFixture; transcript: Transcript }> {
  const fixture = await conversationFixture(slug);
  const startedAt = options.startedAt ?? new Date();
  const raw = JSON.parse(await fs.readFile(path.join(DEMO_DIR, fixture.transcript), "utf8")) as unknown;
  const transcript = transcriptSchema.parse(fixture.channel === "chat" ? shiftChatTimes(raw, startedAt) : raw);
  const recording = fixture.recording ? { body: await fs.readFile(path.join(DEMO_DIR, fixture.recording)) } : undefined;
  const { id } = await seedInteraction(agentId, {
    source: "test-fixture",
    ...(options.externalId ? { externalId: options.externalId } : {}),
    startedAt,
    durationMs: fixture.durationMs,
    direction: fixture.direction,
    queue: options.queue ?? fixture.queue,
    tags: options.tags ?? fixture.tags,
    customerName: fixture.customerName,
    metadata: { summary: fixture.summary },
    transcript,
    recording,
  });
  return { id, fixture, transcript };
}

/** Fixture chat times are offsets from 2026-01-01; move them to the conversation's start. */
function shiftChatTimes(raw: unknown, startedAt: Date): unknown {
  const transcript = raw as { segments?: Array<{ at?: string }> };
  const origin = Date.parse("2026-01-01T00:00:00.000Z");
  return {
    ...transcript,
    segments: transcript.segments?.map((segment) =>
      segment.at ? { ...segment, at: new Date(startedAt.getTime() + Date.parse(segment.at) - origin).toISOString() } : segment,
    ),
  };
}
