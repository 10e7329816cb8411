/**
 * A session note as the editor sends it (issue 15 §2): which of the two notes (shared with the
 * agent, or the coach's private one), the tiptap document, and the revision it was edited from
 * (0 when the note did not exist yet). The document is checked by the same schema as the
 * review's overall feedback (feedback-document.ts): that schema is the sanitiser, so a note
 * holds only paragraphs, headings, lists, bold, italic and http(s)/mailto links. Pure.
 */
import { z } from "zod";
import { feedbackDocumentSchema } from "../evaluations/feedback-document";

export const noteVisibilities = ["shared", "private"] as const;
export type NoteVisibility = (typeof noteVisibilities)[number];

export const sessionNoteSchema = z.object({
  visibility: z.enum(noteVisibilities, { error: "Say which note this is: shared or private" }),
  body: feedbackDocumentSchema,
  baseRevision: z.number({ error: "The page's revision of the note is missing; reload" }).int().min(0),
});
export type SessionNoteInput = z.input<typeof sessionNoteSchema>;

/** The feedback schema speaks of "Feedback"; on this page it is a note. */
export const noteMessage = (message: string) => message.replace(/^Feedback\b/, "A note");
