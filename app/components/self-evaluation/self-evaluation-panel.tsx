import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import type { SelfEvaluationPanel as Panel } from "./self-evaluation-panel-view.server";

/** The agent's "Self-evaluate" panel on their conversation's page; posts to /interactions/:id/self-evaluation. */
export function SelfEvaluationPanel({ interactionId, panel }: { interactionId: string; panel: Panel }) {
  return (
    <section aria-labelledby="self-evaluation-title" className="panel self-evaluation-panel">
      <h2 id="self-evaluation-title">Self-evaluation</h2>
      {panel.state === "submitted" ? (
        <p>
          You submitted your self-evaluation. <Link to={`/evaluations/${panel.evaluationId}`}>Read it</Link>; once the review is released to you,
          it shows beside the reviewer’s answers.
        </p>
      ) : panel.state === "draft" ? (
        <p>
          You started a self-evaluation of this conversation. <Link to={`/review/${panel.evaluationId}`}>Continue it</Link>
        </p>
      ) : panel.state === "off" ? (
        <p className="muted">Self-evaluation is turned off for your organisation; your draft is kept.</p>
      ) : panel.state === "locked" ? (
        <p className="muted">The review of this conversation has been released to you, so self-evaluation is closed.</p>
      ) : (
        <Form method="post" action={`/interactions/${interactionId}/self-evaluation`} className="form">
          <CsrfField />
          <p className="muted">
            Score this conversation yourself before the review is released to you. Reviewers see it only after submitting their own review, and it
            never counts in your quality score.
          </p>
          {panel.reviewScorecard ? (
            <p>
              With the scorecard of its review: <strong>{panel.reviewScorecard.name}</strong>
            </p>
          ) : panel.scorecards.length === 0 ? (
            <p className="muted">There is no published scorecard to self-evaluate with yet.</p>
          ) : (
            <div className="field">
              <label htmlFor="self-evaluation-scorecard">Scorecard</label>
              <select id="self-evaluation-scorecard" name="scorecardId" required>
                {panel.scorecards.map((scorecard) => (
                  <option key={scorecard.id} value={scorecard.id}>
                    {scorecard.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {panel.reviewScorecard || panel.scorecards.length > 0 ? (
            <div>
              <button type="submit" className="button button--primary">
                Self-evaluate
              </button>
            </div>
          ) : null}
        </Form>
      )}
    </section>
  );
}
