/**
 * "Explain this score": the arithmetic of `scoreEvaluation` in words and numbers, as data a
 * view renders line by line (no HTML here). Each line carries its text and the numbers it
 * was written from, so a view can also lay them out as a table. Numbers in the text are
 * rounded for reading (q and section fractions to 3 decimals, scores to 1 like `roundScore`);
 * the fields keep full precision. Pure: no I/O, safe in the browser.
 */
import { type QuestionScore, type ScoreResult, CRITICAL_THRESHOLD, roundScore, scoreEvaluation } from "./score-math";
import {
  type Answers,
  type Question,
  type ScorecardDefinition,
  type ShowIf,
  isScoringQuestion,
  questionsInOrder,
  quotePrompt,
} from "./scorecard-definition.schema";

export type NotCountedReason = "hidden" | "na" | "unanswered" | "weight-0";

export type ExplanationLine =
  | { kind: "not-counted"; text: string; sectionId: string; questionId: string; reason: NotCountedReason; q: number | null }
  | { kind: "critical"; text: string; sectionId: string; questionId: string; scope: "section" | "all"; q: number }
  | {
      kind: "section";
      text: string;
      sectionId: string;
      weight: number;
      /** The counted questions: Σ(weight × q) / Σ(weight) is `fraction` (before any critical zeroing). */
      terms: { questionId: string; weight: number; q: number }[];
      fraction: number | null;
      /** 0..100 as scored: 0 when a critical failed, null when N/A. */
      score: number | null;
      criticalFailed: boolean;
      /** Counts in the overall: has a score and a weight above 0. */
      counted: boolean;
    }
  | {
      kind: "overall";
      text: string;
      /** The counted sections: 100 × Σ(weight × fraction) / Σ(weight) is the overall unless auto-failed. */
      terms: { sectionId: string; weight: number; fraction: number }[];
      overall: number | null;
      autoFailed: boolean;
    }
  | { kind: "pass"; text: string; overall: number | null; passMark: number; passed: boolean; autoFailed: boolean }
  | { kind: "incomplete"; text: string; questionIds: string[] };

/** Up to 3 decimals, no trailing zeros: 0.833, 0.5, 1. */
function formatFraction(x: number): string {
  return String(Number(x.toFixed(3)));
}

/** One decimal, as stored: 83.3, 100.0. */
export function formatScore(score: number): string {
  return roundScore(score).toFixed(1);
}

/** "(2×1 + 1×0.5) / (2 + 1)", or "(2×1) / 2" for a single term. */
function weightedMean(terms: readonly { weight: number; value: number }[]): string {
  const products = terms.map((term) => `${term.weight}×${formatFraction(term.value)}`).join(" + ");
  const weights = terms.map((term) => String(term.weight));
  return `(${products}) / ${weights.length === 1 ? weights[0] : `(${weights.join(" + ")})`}`;
}

function isScoreResult(input: Answers | ScoreResult): input is ScoreResult {
  // Answers map ids to answer objects, never to arrays, so these two cannot be answers.
  return Array.isArray((input as ScoreResult).sections) && Array.isArray((input as ScoreResult).missingRequired);
}

export function explainScore(definition: ScorecardDefinition, input: Answers | ScoreResult): ExplanationLine[] {
  const result = isScoreResult(input) ? input : scoreEvaluation(definition, input);
  const questions = new Map(questionsInOrder(definition).map(({ question }) => [question.id, question]));
  const name = (id: string) => {
    const question = questions.get(id);
    return question ? quotePrompt(question.prompt) : `"${id}"`;
  };
  const lines: ExplanationLine[] = [];
  const overallTerms: { sectionId: string; weight: number; fraction: number }[] = [];

  for (const section of result.sections) {
    for (const question of section.questions) {
      const line = notCounted(question, questions.get(question.id), name, (id) => questions.get(id));
      if (line) lines.push({ kind: "not-counted", sectionId: section.id, questionId: question.id, q: question.q, ...line });
    }
    for (const question of section.questions) {
      if (!question.criticalFailed || question.q === null || question.critical === null) continue;
      const scored = `scored ${formatFraction(question.q)} < ${CRITICAL_THRESHOLD}`;
      const text =
        question.critical === "all"
          ? `${name(question.id)} is critical for the whole evaluation and ${scored}: overall is 0`
          : `${name(question.id)} is critical for section "${section.title}" and ${scored}: the section scores 0`;
      lines.push({ kind: "critical", text, sectionId: section.id, questionId: question.id, scope: question.critical, q: question.q });
    }

    const terms = section.questions.flatMap((q) => (q.counted && q.q !== null ? [{ questionId: q.id, weight: q.weight, q: q.q }] : []));
    const weights = terms.reduce((sum, term) => sum + term.weight, 0);
    const fraction = weights > 0 ? terms.reduce((sum, term) => sum + term.weight * term.q, 0) / weights : null;
    const arithmetic =
      fraction === null ? "" : `${weightedMean(terms.map((t) => ({ weight: t.weight, value: t.q })))} = ${formatFraction(fraction)}`;
    let text: string;
    if (section.criticalFailed) text = `${section.title}: ${arithmetic ? `${arithmetic}, but ` : ""}a critical question failed → 0.0`;
    else if (section.score === null) text = `${section.title}: N/A, no question counts`;
    else text = `${section.title}: ${arithmetic} → ${formatScore(section.score)}`;
    const counted = section.score !== null && section.weight > 0;
    if (section.weight === 0) text += "; weight 0, so it does not count in the overall";
    if (counted)
      overallTerms.push({ sectionId: section.id, weight: section.weight, fraction: section.criticalFailed ? 0 : (fraction ?? 0) });
    lines.push({
      kind: "section",
      text,
      sectionId: section.id,
      weight: section.weight,
      terms,
      fraction,
      score: section.score,
      criticalFailed: section.criticalFailed,
      counted,
    });
  }

  let overallText: string;
  if (result.autoFailed) overallText = "Overall: 0, auto-failed by a critical question";
  else if (result.overall === null) overallText = "Overall: no score, no section with a weight above 0 has a score";
  else
    overallText = `Overall: 100 × ${weightedMean(overallTerms.map((t) => ({ weight: t.weight, value: t.fraction })))} = ${formatScore(result.overall)}`;
  lines.push({ kind: "overall", text: overallText, terms: overallTerms, overall: result.overall, autoFailed: result.autoFailed });

  const mark = String(result.passMark);
  let passText: string;
  if (result.autoFailed) passText = "Auto-failed by a critical question → fail";
  else if (result.overall === null) passText = "No score → not passed";
  else if (result.passed) passText = `${formatScore(result.overall)} ≥ ${mark} pass mark → pass`;
  else passText = `${formatScore(result.overall)} < ${mark} pass mark → fail`;
  lines.push({
    kind: "pass",
    text: passText,
    overall: result.overall,
    passMark: result.passMark,
    passed: result.passed,
    autoFailed: result.autoFailed,
  });

  if (result.missingRequired.length > 0) {
    const count = result.missingRequired.length;
    const text = `Not complete: ${count} required ${count === 1 ? "question has" : "questions have"} no answer: ${result.missingRequired.map(name).join(", ")}`;
    lines.push({ kind: "incomplete", text, questionIds: result.missingRequired });
  }
  return lines;
}

/** Why a scoring question does not move its section score, or null when it does (or is not scoring). */
function notCounted(
  score: QuestionScore,
  question: Question | undefined,
  name: (id: string) => string,
  lookup: (id: string) => Question | undefined,
): { reason: NotCountedReason; text: string } | null {
  if (score.kind === "text" || score.kind === "tags" || score.counted) return null;
  const label = name(score.id);
  if (!score.visible) {
    const condition = question?.showIf ? ` (shown only when ${describeShowIf(question.showIf, lookup, name)})` : "";
    return { reason: "hidden", text: `${label}: not counted, hidden${condition}` };
  }
  if (score.na) return { reason: "na", text: `${label}: not counted, N/A` };
  if (score.q === null) return { reason: "unanswered", text: `${label}: not counted, not answered` };
  return { reason: "weight-0", text: `${label}: not counted, weight 0 (scored ${formatFraction(score.q)})` };
}

/** `"Resolved?" is yes`, `"Tone" is 4 or 5`, `"Outcome" is "Refund" or "Credit"`. */
function describeShowIf(showIf: ShowIf, lookup: (id: string) => Question | undefined, name: (id: string) => string): string {
  const reference = lookup(showIf.questionId);
  const values = showIf.equals.map((value) => {
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (reference && isScoringQuestion(reference) && reference.kind === "choice") {
      const option = reference.options.find((o) => o.id === value);
      if (option) return `"${option.label}"`;
    }
    return typeof value === "string" ? `"${value}"` : String(value);
  });
  return `${name(showIf.questionId)} is ${values.join(" or ")}`;
}
