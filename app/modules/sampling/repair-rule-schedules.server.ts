/**
 * The `repair_sampling_schedules` cron job: puts back the scheduler job of any active,
 * scheduled rule whose chain of jobs broke. The chain is one keyed job per rule that re-queues
 * itself (decision 0010); if that job fails all its attempts (the database was away for a
 * while) nothing would ever queue the rule again. A rule is broken when its next run is more
 * than `SCHEDULE_GRACE_MS` overdue (or unknown) and no live job holds its key. Its missed slot
 * is queued to run now: the claim then runs that slot and moves the schedule on.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { SamplingRuleSettings } from "./sampling-rule.schema";
import { SCHEDULE_GRACE_MS } from "./schedule";
import { queueSchedulerJob, ruleJobKey, scheduleRuleRun } from "./schedule-rule-run.server";

export async function repairRuleSchedules(db: Database, { now = new Date() }: { now?: Date } = {}): Promise<{ ruleIds: string[] }> {
  const { timeZone } = await getOrganisation(db);
  const overdueBefore = new Date(now.getTime() - SCHEDULE_GRACE_MS);
  return db.transaction().execute(async (trx) => {
    // Locking the rows keeps an edit, a pause or a claim from changing a rule between this
    // check and the re-queue; rules being edited right now are skipped (the edit queues the job).
    const broken = await trx
      .selectFrom("sampling_rules")
      .select(["id", "settings", "next_run_at"])
      .where("active", "=", true)
      .where(sql<boolean>`settings -> 'schedule' ->> 'kind' <> 'manual'`)
      .where((eb) => eb.or([eb("next_run_at", "is", null), eb("next_run_at", "<", overdueBefore)]))
      // Live: waiting, waiting for a retry, or running. A job that used up its attempts
      // keeps its key but will never run again, so it does not count.
      .where(
        (eb) =>
          sql<boolean>`NOT EXISTS (
            SELECT 1 FROM graphile_worker.jobs AS j
            WHERE j.key = ${ruleJobKey("")} || ${eb.ref("sampling_rules.id")}::text
              AND (j.locked_at IS NOT NULL OR j.attempts < j.max_attempts))`,
      )
      .orderBy("id")
      .forUpdate()
      .skipLocked()
      .execute();

    for (const rule of broken) {
      if (rule.next_run_at) {
        await queueSchedulerJob(trx, rule.id, rule.next_run_at, now);
      } else {
        const { schedule } = rule.settings as Pick<SamplingRuleSettings, "schedule">;
        await scheduleRuleRun(trx, { id: rule.id, active: true, schedule }, now, timeZone);
      }
    }
    return { ruleIds: broken.map((rule) => rule.id) };
  });
}
