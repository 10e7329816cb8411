import { z } from "zod";

/**
 * The canonical transcript (DESIGN.md "Canonical transcript"): every importer
 * produces this shape, the UI renders it, annotations anchor to its segment ids.
 */
export const speakerRoleSchema = z.enum(["agent", "customer"]);

const wordSchema = z.object({
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  text: z.string(),
});

const segmentBase = {
  id: z.string().min(1).max(64),
  speaker: z.string().min(1),
  text: z.string(),
};

export const callSegmentSchema = z
  .object({
    ...segmentBase,
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().nonnegative(),
    words: z.array(wordSchema).optional(),
  })
  .refine((segment) => segment.endMs >= segment.startMs, { message: "endMs must not be before startMs" });

export const chatSegmentSchema = z.object({ ...segmentBase, at: z.iso.datetime({ offset: true }) });

const speakersSchema = z
  .array(z.object({ id: z.string().min(1), role: speakerRoleSchema, name: z.string().optional() }))
  .min(1);

export const transcriptSchema = z
  .discriminatedUnion("channel", [
    z.object({ version: z.literal(1), channel: z.literal("call"), speakers: speakersSchema, segments: z.array(callSegmentSchema) }),
    z.object({
      version: z.literal(1),
      channel: z.enum(["chat", "email"]),
      speakers: speakersSchema,
      segments: z.array(chatSegmentSchema),
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
