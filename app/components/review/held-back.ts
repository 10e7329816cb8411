/**
 * Parts of a draft too long to save (overall feedback past its limit, a question's comment
 * past its limit). Autosave does not let them stop everything else: it saves the rest, keeps
 * the server's copy of those parts, and says which part is waiting and why, while the page
 * keeps the long text for the reviewer to shorten. Pure: no I/O.
 */
import { MAX_FEEDBACK_CHARS, plainTextOf, type FeedbackDocument } from "../../modules/evaluations/feedback-document";
import { MAX_COMMENT_CHARS, type Answers } from "../../modules/scorecards/scorecard-definition.schema";

export interface DraftParts {
  answers: Answers;
  feedback: FeedbackDocument;
}

export type HeldPart = { kind: "feedback"; length: number; max: number } | { kind: "comment"; questionId: string; length: number; max: number };

export function feedbackLength(feedback: FeedbackDocument): number {
  return plainTextOf(feedback).length;
}

/** What of `content` is over its limit. */
export function heldParts(content: DraftParts): HeldPart[] {
  const held: HeldPart[] = [];
  const length = feedbackLength(content.feedback);
  if (length > MAX_FEEDBACK_CHARS) held.push({ kind: "feedback", length, max: MAX_FEEDBACK_CHARS });
  for (const [questionId, answer] of Object.entries(content.answers)) {
    const comment = answer.comment?.length ?? 0;
    if (comment > MAX_COMMENT_CHARS) held.push({ kind: "comment", questionId, length: comment, max: MAX_COMMENT_CHARS });
  }
  return held;
}

/** `content` with each part over its limit replaced by what the server already has of it. */
export function saveableContent(content: DraftParts, saved: DraftParts): DraftParts {
  const held = heldParts(content);
  if (held.length === 0) return content;
  let answers = content.answers;
  let feedback = content.feedback;
  for (const part of held) {
    if (part.kind === "feedback") {
      feedback = saved.feedback;
      continue;
    }
    const kept = Object.hasOwn(saved.answers, part.questionId) ? saved.answers[part.questionId]?.comment : undefined;
    const { comment: _long, ...rest } = answers[part.questionId] ?? {};
    const answer = kept === undefined ? rest : { ...rest, comment: kept };
    answers = { ...answers, [part.questionId]: answer };
    // An answer that was only the long comment is not sent at all, as the form drops empty answers.
    if (Object.keys(answer).length === 0) delete answers[part.questionId];
  }
  return { answers, feedback };
}

/** The status line while parts are held back: "Answers saved · overall feedback not saved: 512 characters too many". */
export function heldStatus(held: readonly HeldPart[]): string {
  const feedback = held.find((part) => part.kind === "feedback");
  const comments = held.filter((part) => part.kind === "comment").length;
  const parts = [
    feedback ? `overall feedback not saved: ${(feedback.length - feedback.max).toLocaleString("en-GB")} characters too many` : null,
    comments > 0 ? `${comments === 1 ? "a comment" : `${comments} comments`} over ${MAX_COMMENT_CHARS.toLocaleString("en-GB")} characters not saved` : null,
  ].filter(Boolean);
  return `Other changes saved · ${parts.join(" · ")}`;
}
