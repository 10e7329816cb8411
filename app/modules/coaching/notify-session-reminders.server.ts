/**
 * Coaching session reminders (issue 15 §2, §5), the scheduled job's use case: a scheduled
 * session starting within the next REMINDER_LEAD_MS is reminded once to its agent and its coach
 * (docs/decisions/0033). Idempotent: each notification carries the key
 * `coaching_session_reminder:<session>:<start>`, unique per recipient (notify()), so a second run
 * or two workers at once write nothing more; the start instant is in the key so a session moved
 * to another time is reminded again for its new time. `reminded_at` records when the reminder went
 * out. A session scheduled with less notice than the lead time is not reminded (the agent was just
 * told it was scheduled), nor one that is held, missed or cancelled. Through notify(), so each
 * recipient's e-mail preferences apply. Returns how many notifications were written.
 */
import type { Database } from "../../lib/db.server";
import { formatDateTime } from "../../lib/time";
import { notify, type NewNotification } from "../notifications/notify.server";
import { getOrganisation } from "../users/get-organisation.server";

/** A day ahead: time to prepare (read the plan, the agenda) and to move the session if it clashes. */
export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

export const sessionReminderKey = (sessionId: string, startsAt: Date) => `coaching_session_reminder:${sessionId}:${startsAt.toISOString()}`;

export async function notifySessionReminders(db: Database, options: { now: Date }): Promise<number> {
  const { now } = options;
  const horizon = new Date(now.getTime() + REMINDER_LEAD_MS);
  return db.transaction().execute(async (trx) => {
    const { timeZone } = await getOrganisation(trx);
    const sessions = await trx
      .selectFrom("coaching_sessions as s")
      .innerJoin("users as a", "a.id", "s.agent_id")
      .innerJoin("users as c", "c.id", "s.coach_id")
      .select(["s.id", "s.plan_id", "s.agent_id", "s.coach_id", "s.starts_at", "s.created_at", "s.duration_minutes", "a.name as agentName", "c.name as coachName"])
      .where("s.state", "=", "scheduled")
      .where("s.starts_at", ">", now)
      .where("s.starts_at", "<=", horizon)
      .orderBy("s.starts_at")
      .execute();
    const reminders: NewNotification[] = [];
    const reminded: string[] = [];
    for (const s of sessions) {
      if (s.starts_at.getTime() - s.created_at.getTime() < REMINDER_LEAD_MS) continue;
      const when = `${formatDateTime(s.starts_at, timeZone)}, ${s.duration_minutes} minutes`;
      const dedupeKey = sessionReminderKey(s.id, s.starts_at);
      const planLink = s.plan_id ? `/coaching/plans/${s.plan_id}` : null;
      reminders.push(
        { recipientId: s.agent_id, kind: "coaching_session_reminder", title: `Reminder: coaching session with ${s.coachName}, ${when}`, link: planLink ?? "/my/coaching", dedupeKey, createdAt: now },
        { recipientId: s.coach_id, kind: "coaching_session_reminder", title: `Reminder: coaching session with ${s.agentName}, ${when}`, link: planLink ?? "/coaching", dedupeKey, createdAt: now },
      );
      reminded.push(s.id);
    }
    const written = await notify(trx, reminders);
    if (reminded.length > 0) await trx.updateTable("coaching_sessions").set({ reminded_at: now }).where("id", "in", reminded).where("reminded_at", "is", null).execute();
    return written.length;
  });
}
