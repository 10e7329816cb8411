import { Form } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface SessionRow {
  id: string;
  when: string;
  durationMinutes: number;
  coachName: string;
  state: "scheduled" | "held" | "missed" | "cancelled";
  acknowledgedAt: string | null;
  acknowledgementComment: string | null;
  actionItems: { id: string; text: string; owner: "agent" | "coach"; dueOn: string | null; done: boolean; overdue: boolean }[];
}

const stateLabels = { scheduled: "Scheduled", held: "Held", missed: "Missed", cancelled: "Cancelled" } as const;

/**
 * A plan's one-on-one sessions (issue 15 §2): when (organisation's zone), length, state, the
 * calendar file, action items; the coach marks a session and adds items, the agent
 * acknowledges a held session and ticks their own items. Notes are not built yet.
 */
export function PlanSessions({
  sessions,
  coach,
  agent,
  agentName,
  errors,
  today,
  timeZone,
}: {
  sessions: SessionRow[];
  coach: boolean;
  agent: boolean;
  agentName: string;
  errors: Record<string, string>;
  today: string;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="plan-sessions">
      <h2 id="plan-sessions">One-on-one sessions</h2>
      {sessions.length === 0 ? <p className="empty-state">No sessions yet.</p> : null}
      {sessions.map((s) => (
        <article key={s.id} className="coaching-session" aria-label={`Session of ${s.when}`}>
          <h3>
            {s.when}, {s.durationMinutes} minutes <span className="badge">{stateLabels[s.state]}</span>
          </h3>
          <p className="muted small">
            With {s.coachName}. <a href={`/coaching/sessions/${s.id}/calendar.ics`}>Add to calendar (.ics)</a>
          </p>
          {s.acknowledgedAt ? (
            <p>
              {agentName} acknowledged it on {s.acknowledgedAt}
              {s.acknowledgementComment ? `: “${s.acknowledgementComment}”` : "."}
            </p>
          ) : null}
          {s.actionItems.length > 0 ? (
            <ul className="coaching-items" aria-label="Action items">
              {s.actionItems.map((item) => (
                <li key={item.id}>
                  <span>{item.done ? "✓ " : ""}{item.text}</span>{" "}
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
          ) : null}
          {coach && s.state === "scheduled" ? (
            <Form method="post" className="inline-form coaching-inline" aria-label={`Mark the session of ${s.when}`}>
              <CsrfField />
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" name="state" value="held" className="button button--small">
                Mark held
              </button>
              <button type="submit" name="state" value="missed" className="button button--small">
                Mark missed
              </button>
              <button type="submit" name="state" value="cancelled" className="button button--small">
                Cancel session
              </button>
              <input type="hidden" name="intent" value="session-state" />
            </Form>
          ) : null}
          {coach && s.state !== "cancelled" ? (
            <Form method="post" className="form coaching-item-form" aria-label={`Add an action item to the session of ${s.when}`}>
              <CsrfField />
              <input type="hidden" name="sessionId" value={s.id} />
              <div className="field">
                <label htmlFor={`item-text-${s.id}`}>Action item</label>
                <input id={`item-text-${s.id}`} name="text" maxLength={1000} aria-describedby={`item-error-${s.id}`} />
                <FieldError id={`item-error-${s.id}`} message={errors.text} />
              </div>
              <div className="field">
                <label htmlFor={`item-owner-${s.id}`}>Who</label>
                <select id={`item-owner-${s.id}`} name="owner" defaultValue="agent">
                  <option value="agent">{agentName}</option>
                  <option value="coach">The coach</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`item-due-${s.id}`}>Due (optional)</label>
                <input id={`item-due-${s.id}`} name="dueOn" type="date" min={today} />
              </div>
              <button type="submit" name="intent" value="item" className="button">
                Add the action item
              </button>
            </Form>
          ) : null}
          {agent && s.state === "held" && !s.acknowledgedAt ? (
            <Form method="post" className="form" aria-label={`Acknowledge the session of ${s.when}`}>
              <CsrfField />
              <input type="hidden" name="sessionId" value={s.id} />
              <div className="field">
                <label htmlFor={`ack-comment-${s.id}`}>Comment (optional)</label>
                <textarea id={`ack-comment-${s.id}`} name="comment" maxLength={2000} rows={2} />
              </div>
              <button type="submit" name="intent" value="session-ack" className="button button--primary">
                Acknowledge the session
              </button>
            </Form>
          ) : null}
        </article>
      ))}
      {coach ? (
        <Form method="post" className="form coaching-schedule" aria-label="Schedule a session">
          <CsrfField />
          <h3>Schedule a session</h3>
          <p className="muted small">Date and time in the organisation’s time zone ({timeZone}).</p>
          <div className="field">
            <label htmlFor="session-date">Date</label>
            <input id="session-date" name="date" type="date" required min={today} aria-describedby="session-date-error" />
            <FieldError id="session-date-error" message={errors.date} />
          </div>
          <div className="field">
            <label htmlFor="session-time">Time</label>
            <input id="session-time" name="time" type="time" required aria-describedby="session-time-error" />
            <FieldError id="session-time-error" message={errors.time} />
          </div>
          <div className="field">
            <label htmlFor="session-length">Length (minutes)</label>
            <input id="session-length" name="durationMinutes" type="number" min={5} max={480} defaultValue={30} className="input--short" aria-describedby="session-length-error" />
            <FieldError id="session-length-error" message={errors.durationMinutes} />
          </div>
          <button type="submit" name="intent" value="schedule" className="button">
            Schedule
          </button>
        </Form>
      ) : null}
    </section>
  );
}
