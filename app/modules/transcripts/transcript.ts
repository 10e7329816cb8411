import { z } from "zod";

/**
 * The canonical transcript (docs/transcript-format.md): every importer produces this
 * shape, the UI renders it, annotations anchor to its segment ids. Its JSON Schema,
 * served at /api/v1/schemas/transcript.json, is generated from these zod schemas.
 */
export const speakerRoleSchema = z.enum(["agent", "customer"]);

/** Segments per transcript: a 24-hour call with a segment every half second fits. */
export const MAX_SEGMENTS = 200_000;

/** Audio times stop where durations do (durationMs is at most 24 hours). */
export const MAX_CALL_MS = 24 * 3600 * 1000;

const offsetMs = (what: string) =>
  z
    .number()
    .int()
    .nonnegative()
    .max(MAX_CALL_MS, `${what} is past 24 hours (86400000 ms), the longest call Parley keeps`)
    .meta({ description: `${what}: milliseconds from the start of the recording` });

const wordSchema = z.object({
  startMs: offsetMs("startMs"),
  endMs: offsetMs("endMs"),
  text: z.string(),
});

const segmentBase = {
  id: z.string().min(1).max(64).meta({ description: "Unique within the transcript; annotations anchor to it" }),
  speaker: z.string().min(1).meta({ description: "The id of one of `speakers`" }),
  text: z.string().meta({ description: "What was said or written, as plain text (never HTML)" }),
};

export const callSegmentSchema = z
  .object({
    ...segmentBase,
    startMs: offsetMs("startMs"),
    endMs: offsetMs("endMs").meta({ description: "endMs: milliseconds from the start of the recording; not before startMs" }),
    words: z.array(wordSchema).optional().meta({ description: "Word timings, when the source has them" }),
  })
  .refine((segment) => segment.endMs >= segment.startMs, { message: "endMs must not be before startMs" });

export const chatSegmentSchema = z.object({
  ...segmentBase,
  at: z.iso.datetime({ offset: true }).meta({ description: "When the message was sent: ISO 8601 with a zone" }),
});

const speakersSchema = z
  .array(
    z.object({
      id: z.string().min(1),
      role: speakerRoleSchema,
      name: z.string().optional().meta({ description: "Shown in the transcript; also the customer's name when none is given" }),
    }),
  )
  .min(1);

const segmentsOf = <S extends z.ZodType>(segment: S) =>
  z
    .array(segment)
    .max(MAX_SEGMENTS, `a transcript holds at most ${MAX_SEGMENTS.toLocaleString("en")} segments; split the conversation, or join short segments`);

export const transcriptSchema = z
  .discriminatedUnion("channel", [
    z.object({ version: z.literal(1), channel: z.literal("call"), speakers: speakersSchema, segments: segmentsOf(callSegmentSchema) }),
    z.object({
      version: z.literal(1),
      channel: z.enum(["chat", "email"]),
      speakers: speakersSchema,
      segments: segmentsOf(chatSegmentSchema),
    }),
  ])
  .superRefine((transcript, ctx) => {
    const speakerIds = new Set(transcript.speakers.map((speaker) => speaker.id));
    const segmentIds = new Set<string>();
    transcript.segments.forEach((segment, index) => {
      if (!speakerIds.has(segment.speaker)) {
        ctx.addIssue({ code: "custom", path: ["segments", index, "speaker"], message: `unknown speaker "${segment.speaker}"` });
      }
      if (segmentIds.has(segment.id)) {
        ctx.addIssue({ code: "custom", path: ["segments", index, "id"], message: `duplicate segment id "${segment.id}"` });
      }
      segmentIds.add(segment.id);
    });
  });

export type Transcript = z.infer<typeof transcriptSchema>;
export type CallTranscript = Extract<Transcript, { channel: "call" }>;
export type ChatTranscript = Exclude<Transcript, { channel: "call" }>;
export type SpeakerRole = z.infer<typeof speakerRoleSchema>;

/** Plain text for full-text search: every segment, in order. */
export function transcriptPlainText(transcript: Transcript): string {
  return transcript.segments.map((segment) => segment.text).join("\n");
}

/**
 * Where the last segment of a call ends (0 without segments). A loop, not
 * `Math.max(...ends)`: spreading 150,000 arguments overflows the call stack.
 */
export function callEndMs(transcript: CallTranscript): number {
  let end = 0;
  for (const segment of transcript.segments) if (segment.endMs > end) end = segment.endMs;
  return end;
}

/** From the first message to the last (0 for fewer than two). */
export function chatSpanMs(transcript: ChatTranscript): number {
  let first = Infinity;
  let last = -Infinity;
  for (const segment of transcript.segments) {
    const at = Date.parse(segment.at);
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return last > first ? last - first : 0;
}
