import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";

export interface ScoreOption {
  id: string;
  name: string;
}

/**
 * "Score this interaction" on the interaction page, for reviewers: pick a published
 * scorecard and open the workspace (POST /review/start; an existing draft of yours for that
 * scorecard is continued, not duplicated).
 */
export function ScoreThisInteraction({ interactionId, scorecards }: { interactionId: string; scorecards: ScoreOption[] }) {
  return (
    <section aria-labelledby="score-title" className="score-interaction">
      <h2 id="score-title">Score this interaction</h2>
      {scorecards.length === 0 ? (
        <p className="muted">No scorecard is published yet.</p>
      ) : (
        <Form method="post" action="/review/start" className="form score-interaction__form">
          <CsrfField />
          <input type="hidden" name="interaction" value={interactionId} />
          <div className="field">
            <label htmlFor="score-scorecard">Scorecard</label>
            <select id="score-scorecard" name="scorecard" required defaultValue={scorecards.length === 1 ? scorecards[0]?.id : ""}>
              <option value="">Choose a scorecard</option>
              {scorecards.map((scorecard) => (
                <option key={scorecard.id} value={scorecard.id}>
                  {scorecard.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button button--primary">
              Start scoring
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

export interface InteractionEvaluationRow {
  id: string;
  status: "draft" | "submitted" | "void";
  scorecardName: string;
  version: number;
  reviewerName: string;
  /** "86.5", or null (a draft, or nothing counted) */
  score: string | null;
  passed: boolean | null;
  autoFailed: boolean;
  /** Formatted in the organisation's zone. */
  submittedAt: string | null;
  released: boolean;
}

/** The evaluations of this interaction the viewer may see; a draft (only ever the viewer's own) opens in the workspace. */
export function InteractionEvaluations({ evaluations }: { evaluations: InteractionEvaluationRow[] }) {
  if (evaluations.length === 0) return null;
  return (
    <section aria-labelledby="evaluations-title" className="interaction-evaluations">
      <h2 id="evaluations-title">Evaluations</h2>
      <ul className="assignment-list">
        {evaluations.map((evaluation) => (
          <li key={evaluation.id} className="assignment-list__item">
            {evaluation.status === "draft" ? (
              <p>
                <Link to={`/review/${evaluation.id}`}>Continue your draft</Link> · {evaluation.scorecardName} v{evaluation.version}
              </p>
            ) : evaluation.status === "void" ? (
              <>
                <p>
                  <Link to={`/evaluations/${evaluation.id}`}>
                    {evaluation.scorecardName} v{evaluation.version}: void
                  </Link>{" "}
                  <span className="badge badge--void">Void</span>
                </p>
                <p className="muted small">
                  {evaluation.reviewerName}
                  {evaluation.submittedAt ? ` · ${evaluation.submittedAt}` : ""} · no longer counts
                </p>
              </>
            ) : (
              <>
                <p>
                  <Link to={`/evaluations/${evaluation.id}`}>
                    {evaluation.scorecardName} v{evaluation.version}: {evaluation.score ?? "no score"}
                  </Link>{" "}
                  <span className={`badge badge--${evaluation.autoFailed || !evaluation.passed ? "fail" : "pass"}`}>
                    {evaluation.autoFailed ? "Auto-failed" : evaluation.passed ? "Pass" : "Fail"}
                  </span>
                </p>
                <p className="muted small">
                  {evaluation.reviewerName}
                  {evaluation.submittedAt ? ` · ${evaluation.submittedAt}` : ""} · {evaluation.released ? "released to the agent" : "not released"}
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
