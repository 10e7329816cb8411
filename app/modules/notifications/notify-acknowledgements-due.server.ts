/**
 * "Acknowledgement due" (issue 13 §7), the scheduled job's use case: every agent whose
 * required acknowledgement falls due within the next day, or is already overdue, is told once
 * per evaluation and revision asked about (dedupe key), so the job may run as often as it
 * likes — twice, or on two workers at once — and nobody is told twice. A correction that asks
 * again (pass/fail changed) is a new revision, and tells again. The rule of when it is due is
 * the one the pages show (feedback/acknowledgement-rule.ts), in the organisation's time zone.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatDate } from "../../lib/time";
import { acknowledgementAskedAt, awaitingAcknowledgement } from "../feedback/acknowledgement-query.server";
import { acknowledgementDueAt } from "../feedback/acknowledgement-rule";
import { notify, type NewNotification } from "./notify.server";

/** Told this long before the end of the due day. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

export const acknowledgementDueKey = (evaluationId: string, revisionId: string) => `acknowledgement_due:${evaluationId}:${revisionId}`;

export async function notifyAcknowledgementsDue(db: Database, options: { now: Date }): Promise<number> {
  const { now } = options;
  return db.transaction().execute(async (trx) => {
    const { time_zone: timeZone } = (await trx.selectFrom("organisation").select("time_zone").where("id", "=", 1).executeTakeFirst()) ?? { time_zone: "UTC" };
    const rows = await trx
      .selectFrom("evaluations")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
      .select([
        "evaluations.id",
        "evaluations.current_revision_id",
        "interactions.agent_id",
        "scorecards.name as scorecard_name",
        "scorecards.acknowledgement_days",
        acknowledgementAskedAt.as("asked_at"),
      ])
      .where("evaluations.kind", "=", "review")
      .where("scorecards.acknowledgement", "=", "required")
      .where(awaitingAcknowledgement)
      // A coarse bound the index-free part need not refine for long: asked more than (days − 2) days ago.
      .where(sql<boolean>`${acknowledgementAskedAt} < ${now}::timestamptz - make_interval(days => scorecards.acknowledgement_days - 2)`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("notifications")
              .select(sql`1`.as("one"))
              .whereRef("notifications.recipient_id", "=", "interactions.agent_id")
              .where("notifications.dedupe_key", "=", sql<string>`'acknowledgement_due:' || evaluations.id || ':' || evaluations.current_revision_id`),
          ),
        ),
      )
      .execute();
    const due: NewNotification[] = [];
    for (const row of rows) {
      if (row.acknowledgement_days === null || row.current_revision_id === null) continue;
      const dueAt = acknowledgementDueAt(row.asked_at, row.acknowledgement_days, timeZone);
      if (dueAt.getTime() - now.getTime() > DUE_SOON_MS) continue;
      const overdue = now >= dueAt;
      // The due day is the last day before dueAt (dueAt is the start of the day after).
      const lastDay = formatDate(new Date(dueAt.getTime() - 1), timeZone);
      due.push({
        recipientId: row.agent_id,
        kind: "acknowledgement_due",
        title: overdue ? `Acknowledgement overdue: ${row.scorecard_name}` : `Acknowledgement due by the end of ${lastDay}: ${row.scorecard_name}`,
        body: overdue
          ? `Your acknowledgement of this feedback was due by the end of ${lastDay}. Open it to read and acknowledge it.`
          : "Open the feedback to read and acknowledge it.",
        link: `/evaluations/${row.id}`,
        evaluationId: row.id,
        dedupeKey: acknowledgementDueKey(row.id, row.current_revision_id),
      });
    }
    return (await notify(trx, due)).length;
  });
}
