/**
 * The scorecard as a reviewer fills it in: every visible question with its control, N/A
 * where allowed, an optional comment, and the live score from the same pure function the
 * server records with (docs/decisions/0009). Presentational: the answers live with the
 * caller, which gets every change through `onChange`, so the scorecard builder's preview and
 * the review workspace share it.
 */
import { useId, useMemo, useState } from "react";
import { formatScore } from "../../modules/scorecards/explain-score";
import { scoreEvaluation } from "../../modules/scorecards/score-math";
import { type Answers, type ScorecardDefinition, answerFor } from "../../modules/scorecards/scorecard-definition.schema";
import { withAnswer } from "./answers";
import { QuestionField } from "./question-field";
import { ScoreExplanation, ScoreSummary } from "./score-summary";

export { ScoreExplanation, ScoreSummary } from "./score-summary";
export type { ScoreViewProps } from "./score-summary";

export interface ScorecardFormProps {
  definition: ScorecardDefinition;
  answers: Answers;
  onChange: (answers: Answers) => void;
  /** Shows the answers without letting them change (a submitted evaluation, a published version). */
  readOnly?: boolean;
  /** Messages by question id, shown under the question (e.g. a server's validateAnswers issues). */
  errors?: Record<string, string>;
  /** The live total, section subtotals and "Explain this score" above the questions (default true). */
  summary?: boolean;
}

export function ScorecardForm({ definition, answers, onChange, readOnly = false, errors = {}, summary = true }: ScorecardFormProps) {
  const formId = useId();
  const [explaining, setExplaining] = useState(false);
  const result = useMemo(() => scoreEvaluation(definition, answers), [definition, answers]);
  const explanationId = `${formId}-explanation`;

  return (
    <div className="scorecard-form">
      {summary ? (
        <div className="scorecard-form__summary">
          <ScoreSummary definition={definition} answers={answers} />
          <button
            type="button"
            className="button button--quiet button--small"
            aria-expanded={explaining}
            aria-controls={explanationId}
            onClick={() => setExplaining((open) => !open)}
          >
            {explaining ? "Hide the explanation" : "Explain this score"}
          </button>
          <div id={explanationId} hidden={!explaining}>
            {explaining ? <ScoreExplanation definition={definition} answers={answers} /> : null}
          </div>
        </div>
      ) : null}
      {definition.sections.map((section, s) => {
        const sectionScore = result.sections[s];
        const visible = section.questions.filter((_, i) => sectionScore?.questions[i]?.visible ?? true);
        const headingId = `${formId}-s${s}`;
        return (
          <section key={section.id} className="scorecard-form__section" aria-labelledby={headingId}>
            <div className="scorecard-form__section-header">
              <h3 id={headingId}>{section.title || "(section without a title)"}</h3>
              {sectionScore ? (
                <span className={`scorecard-form__subtotal${sectionScore.criticalFailed ? " scorecard-form__subtotal--failed" : ""}`}>
                  {sectionScore.score === null ? "N/A" : formatScore(sectionScore.score)}
                  {sectionScore.criticalFailed ? " · critical failed" : ""}
                </span>
              ) : null}
            </div>
            {section.description ? <p className="muted">{section.description}</p> : null}
            {visible.length === 0 ? <p className="muted small">No question of this section applies with the answers so far.</p> : null}
            {section.questions.map((question, i) => {
              const score = sectionScore?.questions[i];
              if (score && !score.visible) return null;
              return (
                <QuestionField
                  key={question.id}
                  question={question}
                  score={score}
                  answer={answerFor(answers, question.id)}
                  name={`${formId}-${question.id}`}
                  readOnly={readOnly}
                  error={Object.hasOwn(errors, question.id) ? errors[question.id] : undefined}
                  onChange={(patch) => onChange(withAnswer(answers, question.id, patch))}
                />
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
