/**
 * Edits of an evaluation's answers as the scorecard form makes them, pure so they are tested
 * without a browser. An answer keeps its value while N/A is ticked (docs/decisions/0009:
 * `na: true` wins), so unticking N/A brings the value back; an answer with nothing left in it
 * is removed, so the answers stay as small as what the reviewer gave.
 */
import { type Answer, type Answers, MAX_SCALE_POINTS, MIN_SCALE_POINTS } from "../../modules/scorecards/scorecard-definition.schema";

/** The answers with one question's answer changed; `undefined` in the patch removes that part. */
export function withAnswer(answers: Answers, questionId: string, patch: Partial<Answer>): Answers {
  const current = Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
  const merged: Record<string, unknown> = { ...current, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined || (key === "na" && merged[key] === false)) delete merged[key];
  const next: Answers = { ...answers };
  if (Object.keys(merged).length === 0) delete next[questionId];
  else next[questionId] = merged;
  return next;
}

/** Ticks or unticks a tag, keeping the definition's order out of it: tags are kept in the order chosen. */
export function toggleTag(current: readonly string[], tagId: string, on: boolean): string[] {
  const without = current.filter((id) => id !== tagId);
  return on ? [...without, tagId] : without;
}

/** The tag ids of an answer value, or none when it is not a list. */
export function tagsOf(value: Answer["value"]): string[] {
  return Array.isArray(value) ? value : [];
}

/** The whole numbers min..max of a scale, or none while its ends do not make a 2–11 point scale. */
export function scalePoints(question: { min: number; max: number }): number[] {
  const { min, max } = question;
  if (!Number.isInteger(min) || !Number.isInteger(max)) return [];
  const points = max - min + 1;
  if (points < MIN_SCALE_POINTS || points > MAX_SCALE_POINTS) return [];
  return Array.from({ length: points }, (_, index) => min + index);
}
