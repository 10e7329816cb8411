import { useMemo } from "react";
import { type ExplanationLine, explainScore, formatScore } from "../../modules/scorecards/explain-score";
import { type ScoreResult, scoreEvaluation } from "../../modules/scorecards/score-math";
import type { Answers, ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";

export interface ScoreViewProps {
  definition: ScorecardDefinition;
  answers: Answers;
}

/** "83.3", or "—" while there is no score. */
export function scoreText(score: number | null): string {
  return score === null ? "—" : formatScore(score);
}

/** The verdict in words, as the live region reads it. */
export function verdictText(result: ScoreResult): string {
  if (result.autoFailed) return "Fail: auto-failed by a critical question";
  if (result.overall === null) return "No score yet";
  return result.passed ? `Pass (pass mark ${result.passMark})` : `Fail (pass mark ${result.passMark})`;
}

/**
 * The live total with pass/fail against the pass mark, the auto-fail flag and the section
 * subtotals. Only the total and verdict are a live region, so a screen reader hears one
 * short sentence per change instead of every subtotal.
 */
export function ScoreSummary({ definition, answers }: ScoreViewProps) {
  const result = useMemo(() => scoreEvaluation(definition, answers), [definition, answers]);
  const state = result.autoFailed ? "failed" : result.overall === null ? "none" : result.passed ? "passed" : "failed";
  const missing = result.missingRequired.length;
  return (
    <div className={`score-summary score-summary--${state}`}>
      <p className="score-summary__total" role="status" aria-live="polite" aria-atomic="true">
        <span className="score-summary__label">Score</span> <strong className="score-summary__value">{scoreText(result.overall)}</strong>{" "}
        <span className="score-summary__verdict">{verdictText(result)}</span>
      </p>
      {result.autoFailed ? (
        <p className="score-summary__flag">
          <span className="badge badge--critical-failed">Auto-failed</span> A question critical for the whole evaluation failed, so the
          score is 0.
        </p>
      ) : null}
      <ul className="score-summary__sections" aria-label="Section scores">
        {result.sections.map((section) => (
          <li key={section.id} className={section.criticalFailed ? "score-summary__section--failed" : undefined}>
            <span>{section.title || "(section without a title)"}</span>{" "}
            <span className="score-summary__section-score">
              {section.score === null ? "N/A" : formatScore(section.score)}
              {section.criticalFailed ? " · critical failed" : ""}
              {section.weight === 0 ? " · not counted (weight 0)" : ""}
            </span>
          </li>
        ))}
      </ul>
      <p className="score-summary__missing muted small">
        {missing === 0 ? "Every required question is answered." : `${missing} required ${missing === 1 ? "question is" : "questions are"} not answered yet.`}
      </p>
    </div>
  );
}

const lineClass: Record<ExplanationLine["kind"], string> = {
  "not-counted": "score-explanation__line--muted",
  critical: "score-explanation__line--critical",
  section: "score-explanation__line--section",
  overall: "score-explanation__line--overall",
  pass: "score-explanation__line--overall",
  incomplete: "score-explanation__line--muted",
};

/** "Explain this score": the arithmetic behind the total, one line per step (explainScore). */
export function ScoreExplanation({ definition, answers }: ScoreViewProps) {
  const lines = useMemo(() => explainScore(definition, answers), [definition, answers]);
  return (
    <ol className="score-explanation">
      {lines.map((line, index) => (
        <li key={`${line.kind}-${"questionId" in line ? line.questionId : "sectionId" in line ? line.sectionId : index}-${index}`} className={lineClass[line.kind]}>
          {line.text}
        </li>
      ))}
    </ol>
  );
}
