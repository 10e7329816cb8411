/**
 * A session's state and what follows it (issue 15 §2), on the session page: the coach marks it
 * held, missed or cancelled and adds action items (overdue ones flagged); the agent acknowledges
 * a held session with a comment and ticks their own items.
 */
import { Form } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface SessionItem {
  id: string;
  text: string;
  owner: "agent" | "coach";
  dueOn: string | null;
  done: boolean;
  overdue: boolean;
}

interface Props {
  state: "scheduled" | "held" | "missed" | "cancelled";
  agentName: string;
  acknowledgedAt: string | null;
  acknowledgementComment: string | null;
  items: SessionItem[];
  coach: boolean;
  agent: boolean;
  mayAcknowledge: boolean;
  errors: Record<string, string>;
  today: string;
}

export function SessionStateForm({ state }: { state: Props["state"] }) {
  if (state !== "scheduled") return null;
  return (
    <Form method="post" className="inline-form coaching-inline" aria-label="Mark the session">
      <CsrfField />
      <input type="hidden" name="intent" value="session-state" />
      <button type="submit" name="state" value="held" className="button button--small">
        Mark held
      </button>
      <button type="submit" name="state" value="missed" className="button button--small">
        Mark missed
      </button>
      <button type="submit" name="state" value="cancelled" className="button button--small">
        Cancel session
      </button>
    </Form>
  );
}

export function SessionAcknowledgement({ agentName, acknowledgedAt, acknowledgementComment, mayAcknowledge }: Pick<Props, "agentName" | "acknowledgedAt" | "acknowledgementComment" | "mayAcknowledge">) {
  return (
    <section aria-labelledby="session-ack">
      <h2 id="session-ack">Acknowledgement</h2>
      {acknowledgedAt ? (
        <p>
          {agentName} acknowledged it on {acknowledgedAt}
          {acknowledgementComment ? `: “${acknowledgementComment}”` : "."}
        </p>
      ) : mayAcknowledge ? (
        <Form method="post" className="form" aria-label="Acknowledge the session">
          <CsrfField />
          <div className="field">
            <label htmlFor="ack-comment">Comment (optional)</label>
            <textarea id="ack-comment" name="comment" maxLength={2000} rows={2} />
          </div>
          <button type="submit" name="intent" value="session-ack" className="button button--primary">
            Acknowledge the session
          </button>
        </Form>
      ) : (
        <p className="muted">Not acknowledged yet (the agent acknowledges a session once it is held).</p>
      )}
    </section>
  );
}

export function SessionActionItems({ state, agentName, items, coach, agent, errors, today }: Omit<Props, "acknowledgedAt" | "acknowledgementComment" | "mayAcknowledge">) {
  return (
    <section aria-labelledby="session-items">
      <h2 id="session-items">Action items</h2>
      {items.length === 0 ? (
        <p className="empty-state">No action items yet.</p>
      ) : (
        <ul className="coaching-items" aria-label="Action items">
          {items.map((item) => (
            <li key={item.id}>
              <span>
                {item.done ? "✓ " : ""}
                {item.text}
              </span>{" "}
              <span className="muted small">
                ({item.owner === "agent" ? agentName : "coach"}
                {item.dueOn ? `, due ${item.dueOn}` : ""})
              </span>
              {item.overdue ? <span className="badge badge--overdue"> Overdue</span> : null}
              {!item.done && ((agent && item.owner === "agent") || coach) ? (
                <Form method="post" className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="itemId" value={item.id} />
                  <button type="submit" name="intent" value="item-done" className="button button--small" aria-label={`Mark done: ${item.text}`}>
                    Done
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {coach && state !== "cancelled" ? (
        <Form method="post" className="form coaching-item-form" aria-label="Add an action item">
          <CsrfField />
          <div className="field">
            <label htmlFor="item-text">Action item</label>
            <input id="item-text" name="text" maxLength={1000} aria-describedby="item-error" />
            <FieldError id="item-error" message={errors.text} />
          </div>
          <div className="field">
            <label htmlFor="item-owner">Who</label>
            <select id="item-owner" name="owner" defaultValue="agent">
              <option value="agent">{agentName}</option>
              <option value="coach">The coach</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="item-due">Due (optional)</label>
            <input id="item-due" name="dueOn" type="date" min={today} />
          </div>
          <button type="submit" name="intent" value="item" className="button">
            Add the action item
          </button>
        </Form>
      ) : null}
    </section>
  );
}
