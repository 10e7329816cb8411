import type { ReactNode } from "react";
import type { DueView } from "../../modules/assignments/due";

export interface ReviewHeaderFacts {
  interactionId: string;
  /** "Call with Jo Bloggs" */
  title: string;
  agentName: string;
  teamName: string | null;
  customerName: string | null;
  channel: "call" | "chat" | "email";
  channelLabel: string;
  /** Formatted in the organisation's zone. */
  startedAt: string;
  duration: string;
  scorecardName: string;
  version: number;
  due: DueView | null;
}

/** The facts above the workspace and the evaluation page: who, when, how long, which scorecard, due when. */
export function ReviewFacts({ facts, children }: { facts: ReviewHeaderFacts; children?: ReactNode }) {
  return (
    <dl className="review-facts">
      <div>
        <dt>Agent</dt>
        <dd>
          {facts.agentName}
          {facts.teamName ? <span className="muted"> · {facts.teamName}</span> : null}
        </dd>
      </div>
      <div>
        <dt>Customer</dt>
        <dd>{facts.customerName ?? <span className="muted">Not named</span>}</dd>
      </div>
      <div>
        <dt>Channel</dt>
        <dd>
          <span className={`badge badge--${facts.channel}`}>{facts.channelLabel}</span>
        </dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{facts.startedAt}</dd>
      </div>
      <div>
        <dt>Length</dt>
        <dd>{facts.duration}</dd>
      </div>
      <div>
        <dt>Scorecard</dt>
        <dd>
          {facts.scorecardName} <span className="muted">v{facts.version}</span>
        </dd>
      </div>
      {facts.due ? (
        <div>
          <dt>Due</dt>
          <dd className={facts.due.overdue ? "due--overdue" : undefined}>
            {facts.due.absolute} <span className="muted">({facts.due.relative})</span>
          </dd>
        </div>
      ) : null}
      {children}
    </dl>
  );
}

/**
 * The two columns of the review workspace and the evaluation page: the conversation (player,
 * transcript, annotations) on the left, the scorecard on the right; stacked on narrow screens.
 */
export function WorkspaceLayout({ media, scorecard, scorecardLabel = "Scorecard" }: { media: ReactNode; scorecard: ReactNode; scorecardLabel?: string }) {
  return (
    <div className="review-workspace">
      <div className="review-workspace__media">{media}</div>
      <section className="review-workspace__scorecard" aria-labelledby="review-scorecard-title">
        <h2 id="review-scorecard-title">{scorecardLabel}</h2>
        {scorecard}
      </section>
    </div>
  );
}
