import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface SessionRow {
  id: string;
  when: string;
  durationMinutes: number;
  coachName: string;
  state: "scheduled" | "held" | "missed" | "cancelled";
  acknowledged: boolean;
  openItems: number;
  overdueItems: number;
}

export const sessionStateLabels = { scheduled: "Scheduled", held: "Held", missed: "Missed", cancelled: "Cancelled" } as const;

/**
 * A plan's one-on-one sessions (issue 15 §2), each opening its own page (agenda, notes, action
 * items, marking and acknowledgement live there); the coach schedules the next one here.
 */
export function PlanSessions({ sessions, coach, errors, today, timeZone }: { sessions: SessionRow[]; coach: boolean; errors: Record<string, string>; today: string; timeZone: string }) {
  return (
    <section aria-labelledby="plan-sessions">
      <h2 id="plan-sessions">One-on-one sessions</h2>
      {sessions.length === 0 ? (
        <p className="empty-state">No sessions yet.</p>
      ) : (
        <ul className="coaching-sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/coaching/sessions/${s.id}`}>
                {s.when}, {s.durationMinutes} minutes
              </Link>{" "}
              <span className="badge">{sessionStateLabels[s.state]}</span> <span className="muted small">with {s.coachName}</span>
              {s.acknowledged ? <span className="muted small"> · acknowledged</span> : null}
              {s.openItems > 0 ? <span className="muted small"> · {s.openItems === 1 ? "1 open action item" : `${s.openItems} open action items`}</span> : null}
              {s.overdueItems > 0 ? <span className="badge badge--overdue"> {s.overdueItems} overdue</span> : null}
            </li>
          ))}
        </ul>
      )}
      {coach ? <ScheduleSessionForm errors={errors} today={today} timeZone={timeZone} /> : null}
    </section>
  );
}

/** Date, time (organisation's zone) and length; `agents` adds the agent's choice (a standalone session from the team page). */
export function ScheduleSessionForm({
  errors,
  today,
  timeZone,
  agents,
  agentId,
}: {
  errors: Record<string, string>;
  today: string;
  timeZone: string;
  agents?: { id: string; name: string }[];
  agentId?: string;
}) {
  return (
    <Form method="post" className="form coaching-schedule" aria-label="Schedule a session">
      <CsrfField />
      <h3>Schedule a session</h3>
      <p className="muted small">Date and time in the organisation’s time zone ({timeZone}).</p>
      {agents ? (
        <div className="field">
          <label htmlFor="session-agent">Agent</label>
          <select id="session-agent" name="agentId" defaultValue={agentId} aria-describedby="session-agent-error">
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError id="session-agent-error" message={errors.agentId} />
        </div>
      ) : null}
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
  );
}
