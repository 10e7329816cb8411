/**
 * A QA lead's choice of the follow-up's reviewers (issue 15 §3): one checkbox per active QA
 * reviewer; none ticked means all of them (the default pool a supervisor's follow-up gets).
 */
import { FieldError } from "../field-error";

const roleLabels: Record<string, string> = { qa: "QA specialist", qa_lead: "QA lead" };

export function FollowUpReviewers({ reviewers, error }: { reviewers: { id: string; name: string; role: string }[]; error?: string }) {
  return (
    <fieldset className="field" aria-describedby="follow-up-reviewers-hint follow-up-reviewers-error">
      <legend>Reviewers</legend>
      <p id="follow-up-reviewers-hint" className="small muted">
        Leave all unticked for every QA reviewer of the organisation.
      </p>
      <div className="coaching-follow-up__reviewers">
        {reviewers.map((r) => (
          <div key={r.id} className="field field--checkbox">
            <input id={`follow-up-reviewer-${r.id}`} type="checkbox" name="reviewerIds" value={r.id} />
            <label htmlFor={`follow-up-reviewer-${r.id}`}>
              {r.name} <span className="muted">({roleLabels[r.role] ?? r.role})</span>
            </label>
          </div>
        ))}
      </div>
      <FieldError id="follow-up-reviewers-error" message={error} />
    </fieldset>
  );
}
