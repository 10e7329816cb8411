import { Link } from "@remix-run/react";
import { channelLabels } from "../lib/format";
import { formatDateTime } from "../lib/time";
import type { FeedbackItem } from "../modules/feedback/list-my-feedback.server";
import { scoreText } from "./score-badge";

export interface FeedbackRowView {
  evaluationId: string;
  channel: "call" | "chat" | "email";
  conversation: string;
  scorecardName: string;
  reviewerName: string;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  released: string;
  awaitingAcknowledgement: boolean;
  acknowledgementOverdue: boolean;
}

/** What a loader sends for one row, its times in the organisation's zone. */
export function feedbackRowView(item: FeedbackItem, timeZone: string): FeedbackRowView {
  return {
    evaluationId: item.evaluationId,
    channel: item.channel,
    conversation: formatDateTime(item.conversationStartedAt, timeZone),
    scorecardName: item.scorecardName,
    reviewerName: item.reviewerName,
    score: item.score,
    passed: item.passed,
    autoFailed: item.autoFailed,
    released: formatDateTime(item.releasedAt, timeZone),
    awaitingAcknowledgement: item.awaitingAcknowledgement,
    acknowledgementOverdue: item.acknowledgementOverdue,
  };
}

/** The agent's evaluations (My feedback, and the latest on Home): each row opens the evaluation. */
export function FeedbackTable({ items, caption }: { items: FeedbackRowView[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table feedback-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Released</th>
            <th scope="col">Conversation</th>
            <th scope="col">Scorecard</th>
            <th scope="col">Result</th>
            <th scope="col">Reviewer</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.evaluationId}>
              <td>
                <Link to={`/evaluations/${item.evaluationId}`}>{item.released}</Link>
                {item.awaitingAcknowledgement ? (
                  <span className={`badge block-badge ${item.acknowledgementOverdue ? "badge--overdue" : "badge--awaiting"}`}>
                    {item.acknowledgementOverdue ? "Acknowledgement overdue" : "Awaiting your acknowledgement"}
                  </span>
                ) : null}
              </td>
              <td>
                <span className={`badge badge--${item.channel}`}>{channelLabels[item.channel]}</span> {item.conversation}
              </td>
              <td>{item.scorecardName}</td>
              <td>
                <span className={`badge badge--${item.passed && !item.autoFailed ? "pass" : "fail"}`}>{scoreText(item)}</span>
              </td>
              <td>{item.reviewerName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
