import { Form } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface ReviewerOption {
  id: string;
  name: string;
}

interface ReassignFormProps {
  assignmentId: string;
  /** Who has it now: not offered again. */
  reviewerId: string;
  agentName: string;
  reviewers: ReviewerOption[];
  /** The refusal of the last reassign of this row: its message and the reviewer that was chosen. */
  failure: { message: string; reviewerId: string } | null;
  submitting: boolean;
}

/** Moves one open assignment to another reviewer; the server refuses the conversation's own agent. */
export function ReassignForm({ assignmentId, reviewerId, agentName, reviewers, failure, submitting }: ReassignFormProps) {
  const selectId = `reassign-${assignmentId}`;
  const errorId = `${selectId}-error`;
  return (
    <Form method="post" className="reassign-form">
      <CsrfField />
      <input type="hidden" name="intent" value="reassign" />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <div className="inline-form">
        <label className="visually-hidden" htmlFor={selectId}>
          New reviewer for the conversation of {agentName}
        </label>
        <select
          id={selectId}
          name="reviewerId"
          required
          defaultValue={failure?.reviewerId ?? ""}
          aria-invalid={failure ? true : undefined}
          aria-describedby={failure ? errorId : undefined}
        >
          <option value="">Choose a reviewer</option>
          {reviewers
            .filter((reviewer) => reviewer.id !== reviewerId)
            .map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.name}
              </option>
            ))}
        </select>
        <button type="submit" className="button button--small" disabled={submitting}>
          Reassign
        </button>
      </div>
      <FieldError id={errorId} message={failure?.message} />
    </Form>
  );
}
