/** A plan's evidence (issue 15 §1): what is attached, the transcript span quoted and the annotated moment playing inline (evidence-item.tsx); the coach attaches more. */
import { Form } from "@remix-run/react";
import type { EvidenceView } from "../../modules/coaching/evidence-views.server";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { EvidenceItem } from "./evidence-item";

interface Props {
  evidence: EvidenceView[];
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
            <EvidenceItem key={e.id} evidence={e} />
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
