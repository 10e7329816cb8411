/**
 * Edits of an evaluation's answers as the scorecard form makes them, pure so they are tested
 * without a browser. An answer keeps its value while N/A is ticked (docs/decisions/0009:
 * `na: true` wins), so unticking N/A brings the value back; an answer with nothing left in it
 * is removed, so the answers stay as small as what the reviewer gave.
 */
import {
  type Answer,
  type Answers,
  isScoringQuestion,
  MAX_SCALE_POINTS,
  MIN_SCALE_POINTS,
  type Question,
} from "../../modules/scorecards/scorecard-definition.schema";

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

export interface AnswerSummary {
  /** The answer as words: "Yes", "4 · Warm", an option's label, the text, the tags. */
  text: string;
  /** What it earned on its question: q × possible (yes 1 of 1; a scale's steps above its minimum; a choice's points). */
  points: { earned: number; possible: number } | null;
  /** N/A or no answer: nothing counts. */
  counted: boolean;
}

/** A given answer as a reader of a submitted evaluation sees it, with the points it earned. */
export function answerSummary(question: Question, answer: Answer | undefined): AnswerSummary {
  if (answer?.na === true && isScoringQuestion(question) && question.allowNa) return { text: "N/A (does not apply)", points: null, counted: false };
  const value = answer?.value;
  if (value === undefined) return { text: "Not answered", points: null, counted: false };
  switch (question.kind) {
    case "binary":
      return { text: value === true ? "Yes" : "No", points: { earned: value === true ? 1 : 0, possible: 1 }, counted: true };
    case "scale": {
      const point = Number(value);
      const end = point === question.min ? question.minLabel : point === question.max ? question.maxLabel : undefined;
      return {
        text: `${point} on ${question.min} to ${question.max}${end ? ` · ${end}` : ""}`,
        points: { earned: point - question.min, possible: question.max - question.min },
        counted: true,
      };
    }
    case "choice": {
      const option = question.options.find((candidate) => candidate.id === value);
      const possible = Math.max(...question.options.map((candidate) => candidate.points));
      return { text: option?.label ?? String(value), points: option ? { earned: option.points, possible } : null, counted: true };
    }
    case "text":
      return { text: String(value), points: null, counted: true };
    case "tags": {
      const labels = new Map(question.options.map((option) => [option.id, option.label]));
      return { text: tagsOf(value).map((id) => labels.get(id) ?? id).join(", "), points: null, counted: true };
    }
  }
}

/** "1 of 1 point", "3 of 4 points". */
export function pointsLabel(points: { earned: number; possible: number }): string {
  return `${points.earned} of ${points.possible} ${points.possible === 1 ? "point" : "points"}`;
}
