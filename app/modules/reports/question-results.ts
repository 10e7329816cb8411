/**
 * The per-question results of one revision, as the report rows hold them (docs/decisions/0023):
 * every visible scoring question that was answered — a value, or N/A where allowed — with its
 * raw q (no critical zeroing, DESIGN.md "Scorecards and score math") fixed to 6 decimals, so
 * q and every sum of it are exact `numeric` in PostgreSQL and a rebuild adds up to the same
 * digits in any order. Hidden and unanswered questions have no row: they say nothing.
 */
import { scoreEvaluation } from "../scorecards/score-math";
import { questionsInOrder, isScoringQuestion, type Answers, type ScorecardDefinition, type ScoringQuestion } from "../scorecards/scorecard-definition.schema";

/** Decimals of q as stored (numeric(7, 6)). */
export const Q_DECIMALS = 6;

export interface QuestionResult {
  questionId: string;
  /** The question across versions as reports group it (questionKey). */
  questionKey: string;
  sectionId: string;
  /** q to Q_DECIMALS decimals as decimal text; null when N/A. */
  q: string | null;
  weight: number;
  na: boolean;
  criticalFailed: boolean;
}

/** 32-bit FNV-1a, as 8 hex digits: short, stable, and the same in the migration's frozen copy. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * What q means for a question: its kind, its scale's range, its options' points. Prompt,
 * weight, help, N/A and critical settings may change between versions without changing what
 * a q of 0.75 says; these may not.
 */
export function questionMeaning(question: ScoringQuestion): string {
  switch (question.kind) {
    case "binary":
      return "binary";
    case "scale":
      return `scale:${question.min}..${question.max}`;
    case "choice":
      return `choice:${[...question.options]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((option) => `${option.id}=${option.points}`)
        .join(",")}`;
  }
}

/**
 * The key reports group a question by across scorecard versions: its id, which the builder
 * carries from version to version, plus a fingerprint of its meaning. A question whose kind,
 * scale range or option points change becomes a new question in reports (a new key) from the
 * version that changed it; any other edit keeps its history together.
 */
export function questionKey(question: ScoringQuestion): string {
  return `${question.id}#${fnv1a(questionMeaning(question))}`;
}

/** The ids of `next`'s questions that reports will count as new questions, against `previous`. */
export function questionsWithNewMeaning(previous: ScorecardDefinition, next: ScorecardDefinition): string[] {
  const before = new Map(questionsInOrder(previous).map(({ question }) => [question.id, question]));
  return questionsInOrder(next)
    .map(({ question }) => question)
    .filter((question) => {
      const old = before.get(question.id);
      return old !== undefined && isScoringQuestion(old) && isScoringQuestion(question) && questionMeaning(old) !== questionMeaning(question);
    })
    .map((question) => question.id);
}

export function questionResults(definition: ScorecardDefinition, answers: Answers): QuestionResult[] {
  const keys = new Map(questionsInOrder(definition).flatMap(({ question }) => (isScoringQuestion(question) ? [[question.id, questionKey(question)] as const] : [])));
  return scoreEvaluation(definition, answers).sections.flatMap((section) =>
    section.questions
      .filter((question) => question.visible && question.kind !== "text" && question.kind !== "tags" && (question.na || question.q !== null))
      .map((question) => ({
        questionId: question.id,
        questionKey: keys.get(question.id) ?? question.id,
        sectionId: section.id,
        q: question.na || question.q === null ? null : question.q.toFixed(Q_DECIMALS),
        weight: question.weight,
        na: question.na,
        criticalFailed: question.criticalFailed,
      })),
  );
}
