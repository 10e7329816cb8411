/**
 * "Action item due" (issue 15 §2, §5), the scheduled job's use case: an open action item whose
 * due day has come in the organisation's zone (due today, or already overdue when first seen)
 * is notified once to its owner — the agent for the agent's items, the session's coach for the
 * coach's. Idempotent: the key `coaching_action_item_due:<item>:<due day>` is unique per
 * recipient (notify()), so a second run or two workers at once write nothing more. Done items,
 * items without a due day and items of a plan that was completed or cancelled are left alone.
 * Through notify(), so each recipient's e-mail preferences apply. Returns how many were written.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { notify, type NewNotification } from "../notifications/notify.server";
import { getOrganisation } from "../users/get-organisation.server";

export const actionItemDueKey = (itemId: string, dueOn: string) => `coaching_action_item_due:${itemId}:${dueOn}`;

const MAX_TEXT_IN_TITLE = 120;

export async function notifyActionItemsDue(db: Database, options: { now: Date }): Promise<number> {
  const { now } = options;
  return db.transaction().execute(async (trx) => {
    const { timeZone } = await getOrganisation(trx);
    const today = formatLocalDate(localDateOf(now, timeZone));
    const items = await trx
      .selectFrom("coaching_action_items as i")
      .innerJoin("coaching_sessions as s", "s.id", "i.session_id")
      .leftJoin("coaching_plans as p", "p.id", "s.plan_id")
      .select(["i.id", "i.text", "i.owner", "i.agent_id", "s.coach_id", "s.plan_id", sql<string>`i.due_on::text`.as("dueOn")])
      .where("i.done_at", "is", null)
      .where(sql<boolean>`i.due_on <= ${today}::date`)
      .where((eb) => eb.or([eb("s.plan_id", "is", null), eb("p.status", "=", "active")]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("notifications as n")
              .select(sql`1`.as("one"))
              .where(sql<boolean>`n.recipient_id = CASE WHEN i.owner = 'agent' THEN i.agent_id ELSE s.coach_id END`)
              .where("n.dedupe_key", "=", sql<string>`'coaching_action_item_due:' || i.id || ':' || i.due_on::text`),
          ),
        ),
      )
      .orderBy("i.due_on")
      .orderBy("i.id")
      .execute();
    const due: NewNotification[] = items.map((item) => {
      const text = item.text.length > MAX_TEXT_IN_TITLE ? `${item.text.slice(0, MAX_TEXT_IN_TITLE - 1)}…` : item.text;
      const forAgent = item.owner === "agent";
      return {
        recipientId: forAgent ? item.agent_id : item.coach_id,
        kind: "coaching_action_item_due",
        title: item.dueOn === today ? `Coaching action item due today: ${text}` : `Coaching action item overdue (due ${item.dueOn}): ${text}`,
        link: item.plan_id ? `/coaching/plans/${item.plan_id}` : forAgent ? "/my/coaching" : "/coaching",
        dedupeKey: actionItemDueKey(item.id, item.dueOn),
        createdAt: now,
      };
    });
    return (await notify(trx, due)).length;
  });
}
