/**
 * The score of an evaluation (DESIGN.md "Scorecards and score math", docs/decisions/0009).
 * The same function gives the live score in the browser while a reviewer scores and the
 * recorded score on the server; the server's is the one stored. Pure and total: it never
 * throws on a partial or invalid draft. An answer `validateAnswers` would refuse counts as
 * not given (a value of the wrong kind or out of range as unanswered, N/A where N/A is not
 * allowed as no N/A), so a half-typed form still shows a sensible live score.
 */
import {
  type Answer,
  type AnswerValue,
  type Answers,
  type Critical,
  type Question,
  type QuestionKind,
  type ScorecardDefinition,
  type ScoringQuestion,
  answerFor,
  answerValueProblem,
  isScoringQuestion,
} from "./scorecard-definition.schema";

/** Below this a critical question fails: a "no", the lower half of a scale, a low option. */
export const CRITICAL_THRESHOLD = 0.5;

export interface QuestionScore {
  id: string;
  kind: QuestionKind;
  visible: boolean;
  /** An answer is given (N/A counts); for text, not blank; for tags, at least one. Hidden ones too. */
  answered: boolean;
  na: boolean;
  /** In [0, 1], raw (no critical zeroing); null when hidden, unanswered, N/A or non-scoring. */
  q: number | null;
  /** 0 for text and tags. */
  weight: number;
  critical: Critical;
  /** q is counted in the section score: q not null and weight above 0. */
  counted: boolean;
  /** Critical, visible, answered, not N/A and q below 0.5 (whatever its weight). */
  criticalFailed: boolean;
}

export interface SectionScore {
  id: string;
  title: string;
  weight: number;
  /** 0..100 at full precision; null (N/A) when no question counts and no critical failed. */
  score: number | null;
  /** A `section`-critical question failed, so the section scores 0. */
  criticalFailed: boolean;
  questions: QuestionScore[];
}

export interface ScoreResult {
  /** 0..100 at full precision (round with `roundScore` to show or store); null when no section counts. */
  overall: number | null;
  passed: boolean;
  /** An `all`-critical question failed: overall is 0. */
  autoFailed: boolean;
  passMark: number;
  sections: SectionScore[];
  /** Visible required questions without an answer (N/A counts as an answer), in definition order. */
  missingRequired: string[];
}

/**
 * One decimal, half up: how a score is shown, stored and compared with the pass mark.
 * `toPrecision(12)` first drops floating-point noise (79.94999999999999 is 79.95), so equal
 * scores reached by different sums round alike, in the browser and on the server.
 */
export function roundScore(score: number): number {
  return Math.round(Number((score * 10).toPrecision(12))) / 10;
}

/** q of a valid answer value: yes 1, no 0; scale (v − min)/(max − min); choice points / max points. */
export function questionScore(question: ScoringQuestion, value: AnswerValue): number {
  switch (question.kind) {
    case "binary":
      return value === true ? 1 : 0;
    case "scale":
      return ((value as number) - question.min) / (question.max - question.min);
    case "choice": {
      const maxPoints = Math.max(...question.options.map((option) => option.points));
      return (question.options.find((option) => option.id === value)?.points ?? 0) / maxPoints;
    }
  }
}

interface ReadAnswer {
  answered: boolean;
  na: boolean;
  /** Only a value that suits the question; never set when N/A. */
  value: AnswerValue | undefined;
}

function readAnswer(question: Question, answer: Answer | undefined): ReadAnswer {
  if (!answer) return { answered: false, na: false, value: undefined };
  if (answer.na === true && isScoringQuestion(question) && question.allowNa) return { answered: true, na: true, value: undefined };
  const value = answer.value !== undefined && answerValueProblem(question, answer.value) === null ? answer.value : undefined;
  const blank = value === undefined || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
  return blank ? { answered: false, na: false, value: undefined } : { answered: true, na: false, value };
}

/**
 * Visible when it has no showIf, or the question it names is visible, answered (not N/A)
 * and its value is one of `equals`. The schema only lets a question depend on an earlier
 * one, so `shownValues` (values of earlier visible answered questions) is complete here.
 */
function isVisible(question: Question, shownValues: ReadonlyMap<string, AnswerValue>): boolean {
  if (!question.showIf) return true;
  const value = shownValues.get(question.showIf.questionId);
  return value !== undefined && question.showIf.equals.some((wanted) => wanted === value);
}

export function scoreEvaluation(definition: ScorecardDefinition, answers: Answers): ScoreResult {
  const shownValues = new Map<string, AnswerValue>();
  const missingRequired: string[] = [];
  let autoFailed = false;

  const sections = definition.sections.map((section): SectionScore => {
    const questions = section.questions.map((question): QuestionScore => {
      const visible = isVisible(question, shownValues);
      const { answered, na, value } = readAnswer(question, answerFor(answers, question.id));
      if (visible && value !== undefined && isScoringQuestion(question)) shownValues.set(question.id, value);
      if (visible && question.required && !answered) missingRequired.push(question.id);
      if (!isScoringQuestion(question)) {
        return {
          id: question.id,
          kind: question.kind,
          visible,
          answered,
          na,
          q: null,
          weight: 0,
          critical: null,
          counted: false,
          criticalFailed: false,
        };
      }
      const q = visible && value !== undefined ? questionScore(question, value) : null;
      const criticalFailed = question.critical !== null && q !== null && q < CRITICAL_THRESHOLD;
      if (criticalFailed && question.critical === "all") autoFailed = true;
      const counted = q !== null && question.weight > 0;
      return {
        id: question.id,
        kind: question.kind,
        visible,
        answered,
        na,
        q,
        weight: question.weight,
        critical: question.critical,
        counted,
        criticalFailed,
      };
    });

    let weighted = 0;
    let weights = 0;
    for (const question of questions) {
      if (!question.counted || question.q === null) continue;
      weighted += question.weight * question.q;
      weights += question.weight;
    }
    const criticalFailed = questions.some((question) => question.criticalFailed && question.critical === "section");
    // A failed critical scores the section 0 even when nothing else counts: the failure must show.
    const score = criticalFailed ? 0 : weights > 0 ? (100 * weighted) / weights : null;
    return { id: section.id, title: section.title, weight: section.weight, score, criticalFailed, questions };
  });

  let weighted = 0;
  let weights = 0;
  for (const section of sections) {
    if (section.score === null || section.weight === 0) continue;
    weighted += section.weight * section.score;
    weights += section.weight;
  }
  const overall = autoFailed ? 0 : weights > 0 ? weighted / weights : null;
  const passed = !autoFailed && overall !== null && roundScore(overall) >= definition.passMark;
  return { overall, passed, autoFailed, passMark: definition.passMark, sections, missingRequired };
}

/** Every visible required question has an answer (N/A counts): the evaluation may be submitted. */
export function isComplete(result: ScoreResult): boolean {
  return result.missingRequired.length === 0;
}
