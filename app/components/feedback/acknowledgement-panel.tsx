import { Form } from "@remix-run/react";
import { useState } from "react";
import { MAX_ACKNOWLEDGEMENT_COMMENT } from "../../modules/feedback/acknowledgement-rule";
import { CharacterCount, characterCount } from "../character-count";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import type { AcknowledgementPanelView } from "./acknowledgement-view.server";

export interface AcknowledgeFailure {
  message: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

interface AcknowledgementPanelProps {
  panel: AcknowledgementPanelView;
  agentName: string;
  failure: AcknowledgeFailure | null;
  submitting: boolean;
}

/**
 * The acknowledgement on the evaluation page: for the agent, the form (an optional comment,
 * counted near its limit) while it waits for them, then what they acknowledged; for everyone
 * else who sees the evaluation, whether and when the agent acknowledged.
 */
export function AcknowledgementPanel({ panel, agentName, failure, submitting }: AcknowledgementPanelProps) {
  const [comment, setComment] = useState(failure?.values.comment ?? "");
  const who = panel.viewerAcknowledges ? "You" : agentName;
  if (panel.kind === "acknowledged") {
    return (
      <section className="acknowledgement acknowledgement--done" aria-labelledby="acknowledgement-title">
        <h2 id="acknowledgement-title">Acknowledgement</h2>
        <p>
          <span className="badge badge--pass">Acknowledged</span> {who} acknowledged {panel.updated ? `revision ${panel.acknowledgedRevision}` : "this evaluation"} on{" "}
          {panel.at}.
          {panel.updated ? (
            <>
              {" "}
              <span className="badge badge--updated">Updated</span> It was corrected since (now revision {panel.currentRevision}) without changing pass or fail, so
              the acknowledgement stands.
            </>
          ) : null}
        </p>
        {panel.comment ? (
          <blockquote className="acknowledgement__comment">
            <p className="visually-hidden">Comment:</p>
            {panel.comment}
          </blockquote>
        ) : null}
      </section>
    );
  }
  const due = panel.dueDay ? `${panel.overdue ? "was due" : "due"} by the end of ${panel.dueDay}` : "optional";
  const commentError = failure?.fieldErrors.comment;
  return (
    <section className={`acknowledgement${panel.overdue ? " acknowledgement--overdue" : ""}`} aria-labelledby="acknowledgement-title">
      <h2 id="acknowledgement-title">Acknowledgement</h2>
      <p>
        <span className={`badge ${panel.overdue ? "badge--overdue" : "badge--awaiting"}`}>{panel.overdue ? "Overdue" : "Not acknowledged"}</span>{" "}
        {panel.viewerAcknowledges ? "Your acknowledgement" : `${agentName}’s acknowledgement`} is {due}.
        {panel.again ? " Asked again: a correction changed the result from pass to fail or back after the earlier acknowledgement." : null}
      </p>
      {panel.viewerAcknowledges ? (
        <Form method="post" className="form acknowledgement__form" aria-label="Acknowledge this evaluation" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="acknowledge" />
          <input type="hidden" name="revisionId" value={panel.revisionId} />
          {failure ? (
            <p className="alert alert--error" role="alert">
              {failure.message}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="acknowledgement-comment">Comment (optional)</label>
            <textarea
              id="acknowledgement-comment"
              name="comment"
              rows={3}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              aria-invalid={commentError ? true : undefined}
              aria-describedby={
                [commentError ? "acknowledgement-comment-error" : null, characterCount(comment.length, MAX_ACKNOWLEDGEMENT_COMMENT).show ? "acknowledgement-comment-count" : null]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
            />
            <CharacterCount id="acknowledgement-comment-count" length={comment.length} max={MAX_ACKNOWLEDGEMENT_COMMENT} />
            <FieldError id="acknowledgement-comment-error" message={commentError} />
          </div>
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? "Acknowledging…" : "Acknowledge"}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
