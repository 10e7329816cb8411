import { Form } from "@remix-run/react";
import { formatDateTime } from "../../lib/time";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { DueCell } from "./due-cell";
import type { DueView } from "../../modules/assignments/due";

export interface AssignOption {
  id: string;
  name: string;
}

export interface ExistingAssignment {
  id: string;
  scorecardName: string;
  reviewerName: string;
  ruleName: string | null;
  /** The rule that drew it was deleted; `ruleName` is the name it had. */
  ruleDeleted: boolean;
  status: "open" | "done" | "skipped";
  due: DueView;
  /** "20 Nov 2026, 12:00" when done or skipped */
  closedAt: string | null;
  skipReason: string | null;
}

export interface AssignPanelData {
  scorecards: AssignOption[];
  reviewers: AssignOption[];
  defaultDueAt: string;
  timeZone: string;
  zoneLabel: string;
  assignments: ExistingAssignment[];
}

/** What the action answered to the last "assign" post, if it was one. */
export type AssignResult =
  | { ok: true; reviewerId: string; scorecardId: string; dueAt: string }
  | { ok: false; message: string; fieldErrors: Record<string, string>; values: Record<string, string> };

interface AssignForReviewProps {
  data: AssignPanelData;
  result: AssignResult | null;
  submitting: boolean;
}

const statusLabels = { open: "Open", done: "Done", skipped: "Skipped" } as const;

/**
 * "Assign for review" on the interaction page (QA leads and admins): who reviews this
 * conversation for which scorecard, and by when; below, the assignments it already has.
 */
export function AssignForReview({ data, result, submitting }: AssignForReviewProps) {
  const failure = result && !result.ok ? result : null;
  const errors = failure?.fieldErrors ?? {};
  const typed = failure?.values;
  const nameOf = (options: AssignOption[], id: string) => options.find((option) => option.id === id)?.name;
  const described = (name: string, hint = false) =>
    [hint ? `assign-${name}-hint` : null, errors[name] ? `assign-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const generalError = failure && Object.keys(errors).length === 0 ? failure.message : null;

  return (
    <section aria-labelledby="assign-title" className="assign-review">
      <h2 id="assign-title">Assign for review</h2>
      {result?.ok ? (
        <p className="alert alert--success" role="status">
          Assigned to {nameOf(data.reviewers, result.reviewerId) ?? "the reviewer"} for{" "}
          {nameOf(data.scorecards, result.scorecardId) ?? "the scorecard"}, due {formatDateTime(result.dueAt, data.timeZone)}.
        </p>
      ) : null}
      {generalError ? (
        <p className="alert alert--error" role="alert">
          {generalError}
        </p>
      ) : failure ? (
        <p className="alert alert--error" role="alert">
          Not assigned: {failure.message}
        </p>
      ) : null}
      {data.scorecards.length === 0 ? (
        <p className="muted">No scorecard is published yet. Publish one before assigning conversations for review.</p>
      ) : data.reviewers.length === 0 ? (
        <p className="muted">There are no active QA specialists or QA leads to assign to.</p>
      ) : (
        // Remounted after each assignment so the fields start fresh for the next one.
        <Form method="post" className="form assign-review__form" noValidate key={`assign-${data.assignments.length}`}>
          <CsrfField />
          <input type="hidden" name="intent" value="assign" />
          <div className="field">
            <label htmlFor="assign-scorecardId">Scorecard</label>
            <select
              id="assign-scorecardId"
              name="scorecardId"
              required
              defaultValue={typed?.scorecardId ?? (data.scorecards.length === 1 ? data.scorecards[0]?.id : "")}
              aria-invalid={errors.scorecardId ? true : undefined}
              aria-describedby={described("scorecardId")}
            >
              <option value="">Choose a scorecard</option>
              {data.scorecards.map((scorecard) => (
                <option key={scorecard.id} value={scorecard.id}>
                  {scorecard.name}
                </option>
              ))}
            </select>
            <FieldError id="assign-scorecardId-error" message={errors.scorecardId} />
          </div>
          <div className="field">
            <label htmlFor="assign-reviewerId">Reviewer</label>
            <select
              id="assign-reviewerId"
              name="reviewerId"
              required
              defaultValue={typed?.reviewerId ?? ""}
              aria-invalid={errors.reviewerId ? true : undefined}
              aria-describedby={described("reviewerId")}
            >
              <option value="">Choose a reviewer</option>
              {data.reviewers.map((reviewer) => (
                <option key={reviewer.id} value={reviewer.id}>
                  {reviewer.name}
                </option>
              ))}
            </select>
            <FieldError id="assign-reviewerId-error" message={errors.reviewerId} />
          </div>
          <div className="field">
            <label htmlFor="assign-dueAt">Due</label>
            <input
              id="assign-dueAt"
              name="dueAt"
              required
              autoComplete="off"
              spellCheck={false}
              defaultValue={typed?.dueAt ?? data.defaultDueAt}
              aria-invalid={errors.dueAt ? true : undefined}
              aria-describedby={described("dueAt", true)}
            />
            <p className="field__hint" id="assign-dueAt-hint">
              In the organisation&apos;s time zone, {data.timeZone} ({data.zoneLabel}); written like{" "}
              <span className="mono">1 Dec 2026, 09:30</span>.
            </p>
            <FieldError id="assign-dueAt-error" message={errors.dueAt} />
          </div>
          <div>
            <button type="submit" className="button button--primary" disabled={submitting}>
              {submitting ? "Assigning…" : "Assign"}
            </button>
          </div>
        </Form>
      )}
      <h3 id="assigned-title">Assignments of this conversation</h3>
      {data.assignments.length === 0 ? (
        <p className="muted">None yet. It is not in anybody&apos;s queue.</p>
      ) : (
        <ul className="assignment-list" aria-labelledby="assigned-title">
          {data.assignments.map((assignment) => (
            <li key={assignment.id} className="assignment-list__item">
              <p className="assignment-list__title">
                <strong>{assignment.scorecardName}</strong> · {assignment.reviewerName}
              </p>
              <p className="small">
                <span className={`badge badge--assignment-${assignment.status}`}>{statusLabels[assignment.status]}</span>
                {assignment.ruleName ? `Rule: ${assignment.ruleName}${assignment.ruleDeleted ? " (deleted)" : ""}` : "Assigned by hand"}
              </p>
              {assignment.status === "open" ? (
                <p className="small">
                  <DueCell due={assignment.due} />
                </p>
              ) : (
                <p className="small muted">
                  {assignment.status === "done" ? "Done" : "Skipped"} {assignment.closedAt ?? ""}
                  {assignment.skipReason ? ` — “${assignment.skipReason}”` : ""}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
