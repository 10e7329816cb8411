import { Form } from "@remix-run/react";
import { channelLabels } from "../../lib/format";
import { formatDateTime } from "../../lib/time";
import type {
  SelfEvaluationRequestItem,
  SelfEvaluationRequests,
} from "../../modules/feedback/list-self-evaluation-requests.server";
import { CsrfField } from "../csrf-field";
import { KeysetPager } from "../keyset-pager";

export interface SelfEvaluationRequestView {
  requestId: string;
  interactionId: string;
  channel: SelfEvaluationRequestItem["channel"];
  conversation: string;
  scorecardId: string;
  scorecardName: string;
  due: string;
  overdue: boolean;
  started: boolean;
}

/** What the loader sends for one request, its times in the organisation's zone. */
export function selfEvaluationRequestView(
  item: SelfEvaluationRequestItem,
  timeZone: string,
  now: Date,
): SelfEvaluationRequestView {
  return {
    requestId: item.requestId,
    interactionId: item.interactionId,
    channel: item.channel,
    conversation: formatDateTime(item.conversationStartedAt, timeZone),
    scorecardId: item.scorecardId,
    scorecardName: item.scorecardName,
    due: formatDateTime(item.dueAt, timeZone),
    overdue: item.dueAt.getTime() < now.getTime(),
    started: item.started,
  };
}

/**
 * "To self-evaluate" on My feedback: the conversations a sampling rule asked the agent to
 * score. Each button posts to the existing start route with the request's scorecard, which
 * starts the self-evaluation (or continues the draft) and opens it. Keyset-paged on its own
 * (`firstHref`/`nextHref`), apart from the feedback list below it.
 */
export function SelfEvaluationRequestList({
  requests,
  items,
  firstHref = null,
  nextHref = null,
}: {
  requests: Pick<SelfEvaluationRequests, "enabled">;
  items: SelfEvaluationRequestView[];
  firstHref?: string | null;
  nextHref?: string | null;
}) {
  if (!requests.enabled || (items.length === 0 && !firstHref)) return null;
  return (
    <section aria-labelledby="to-self-evaluate-title" className="panel">
      <h2 id="to-self-evaluate-title">To self-evaluate</h2>
      <p className="muted">
        Score these conversations yourself before their review is released to
        you. Reviewers see your answers only after their own review.
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">
            Conversations you are asked to self-evaluate, soonest due first
          </caption>
          <thead>
            <tr>
              <th scope="col">Conversation</th>
              <th scope="col">Scorecard</th>
              <th scope="col">Due</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.requestId}>
                <td>
                  <span className={`badge badge--${item.channel}`}>
                    {channelLabels[item.channel]}
                  </span>{" "}
                  {item.conversation}
                </td>
                <td>{item.scorecardName}</td>
                <td>
                  {item.due}
                  {item.overdue ? (
                    <span className="badge block-badge badge--overdue">
                      Overdue
                    </span>
                  ) : null}
                </td>
                <td>
                  <Form
                    method="post"
                    action={`/interactions/${item.interactionId}/self-evaluation`}
                  >
                    <CsrfField />
                    <input
                      type="hidden"
                      name="scorecardId"
                      value={item.scorecardId}
                    />
                    <button
                      type="submit"
                      className="button"
                      aria-label={`${item.started ? "Continue" : "Self-evaluate"} the ${channelLabels[item.channel].toLowerCase()} of ${item.conversation}`}
                    >
                      {item.started ? "Continue" : "Self-evaluate"}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p>No more conversations to self-evaluate.</p> : null}
      {firstHref || nextHref ? <KeysetPager firstHref={firstHref} nextHref={nextHref} label="Pages of conversations to self-evaluate" /> : null}
    </section>
  );
}
