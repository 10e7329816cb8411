/** A plan's evidence (issue 15 §1): what is attached, with the annotated moment quoted; the coach attaches more. */
import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

interface Props {
  evidence: {
    id: string;
    kind: string;
    note: string;
    evaluationId: string;
    conversation: string;
    score: number | null;
    annotation: { comment: string; quote: string | null; moment: string | null } | null;
  }[];
  candidates: { value: string; label: string }[];
  manage: boolean;
  agentName: string;
  errors: Record<string, string>;
  submitting: boolean;
}

export function PlanEvidence({ evidence, candidates, manage, agentName, errors, submitting }: Props) {
  return (
    <section aria-labelledby="plan-evidence">
      <h2 id="plan-evidence">Evidence</h2>
      {evidence.length === 0 ? (
        <p className="empty-state">No evidence attached yet.</p>
      ) : (
        <ul className="coaching-evidence">
          {evidence.map((e) => (
            <li key={e.id} className="coaching-evidence__item">
              <span className={`badge ${e.kind === "strength" ? "badge--pass" : "badge--under"}`}>{e.kind === "strength" ? "Strength" : "Opportunity"}</span>{" "}
              <Link to={`/evaluations/${e.evaluationId}`}>
                Conversation of {e.conversation}
                {e.score === null ? "" : `, scored ${e.score.toFixed(1)}`}
              </Link>
              {e.annotation ? (
                <figure className="coaching-evidence__moment">
                  {e.annotation.quote ? <blockquote>{e.annotation.quote}</blockquote> : null}
                  <figcaption>
                    {e.annotation.moment ? `At ${e.annotation.moment}: ` : ""}
                    {e.annotation.comment}
                  </figcaption>
                </figure>
              ) : null}
              {e.note ? <p>{e.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {manage ? (
        candidates.length === 0 ? (
          <p className="muted">No other submitted review of {agentName} to attach.</p>
        ) : (
          <Form method="post" className="form" aria-label="Attach evidence">
            <CsrfField />
            <div className="field">
              <label htmlFor="evidence-choice">Evaluation or annotated moment</label>
              <select id="evidence-choice" name="evidence" aria-describedby="evidence-error">
                {candidates.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              <FieldError id="evidence-error" message={errors.evidence ?? errors.evaluationId ?? errors.annotationId} />
            </div>
            <fieldset className="field">
              <legend>It shows</legend>
              <div className="field--check">
                <input id="evidence-opportunity" type="radio" name="kind" value="opportunity" defaultChecked />
                <label htmlFor="evidence-opportunity">An opportunity</label>
              </div>
              <div className="field--check">
                <input id="evidence-strength" type="radio" name="kind" value="strength" />
                <label htmlFor="evidence-strength">A strength</label>
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor="evidence-note">Note (optional)</label>
              <textarea id="evidence-note" name="note" maxLength={2000} rows={2} />
            </div>
            <button type="submit" name="intent" value="evidence" className="button" disabled={submitting}>
              Attach evidence
            </button>
          </Form>
        )
      ) : null}
    </section>
  );
}
