/**
 * Comparing one question's answers, for disputes (pure): whether a proposal or a decision changes
 * the answer at all, and whether it lowers the question below its original answer, which a
 * decision may only do where the organisation allows it. "Lower" is the question's own score
 * q (score-math.ts): yes → no, 4 → 2 on a scale, an option worth fewer points. N/A has no q: a
 * change to or from N/A is never a lowering, because it takes the question out of the score
 * rather than scoring it lower.
 */
import { answerValueProblem, type Answer, type ScoringQuestion } from "../scorecards/scorecard-definition.schema";
import { questionScore } from "../scorecards/score-math";

/** The part of an answer a dispute is about: its value or N/A (the reviewer's comment stays). */
export type ProposedAnswer = Pick<Answer, "value" | "na">;

export function answerPart(answer: Answer | null | undefined): ProposedAnswer {
  if (!answer) return {};
  if (answer.na === true) return { na: true };
  return answer.value === undefined ? {} : { value: answer.value };
}

export function sameAnswer(a: Answer | null | undefined, b: Answer | null | undefined): boolean {
  // answerPart builds both with the same key order, and values are JSON (booleans, numbers, strings, lists).
  return JSON.stringify(answerPart(a)) === JSON.stringify(answerPart(b));
}

function scoreOf(question: ScoringQuestion, answer: Answer | null | undefined): number | null {
  const part = answerPart(answer);
  if (part.na === true || part.value === undefined || answerValueProblem(question, part.value) !== null) return null;
  return questionScore(question, part.value);
}

export function lowers(question: ScoringQuestion, original: Answer | null | undefined, decided: Answer | null | undefined): boolean {
  const before = scoreOf(question, original);
  const after = scoreOf(question, decided);
  return before !== null && after !== null && after < before;
}

/** The answer as it will stand: the new value or N/A, the reviewer's comment kept. */
export function withAnswer(original: Answer | null | undefined, part: ProposedAnswer): Answer {
  const comment = original?.comment;
  return { ...part, ...(comment === undefined ? {} : { comment }) };
}
