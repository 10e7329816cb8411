import type { Database } from "../../lib/db.server";
import { enqueueJob, removeJob } from "../../lib/jobs.server";
import type { Schedule } from "./sampling-rule.schema";
import { nextRunAt } from "./schedule";

/** The key of a rule's one scheduler job (`run_sampling_rule`): there is never a second one waiting. */
export const ruleJobKey = (ruleId: string) => `sampling_rule:${ruleId}`;

/** The key of the job that runs one claimed slot (`run_sampling_slot`): a slot is run by one job, retries included. */
export const slotJobKey = (ruleId: string, slot: Date) => `sampling_run:${ruleId}:${slot.toISOString()}`;

/** Attempts of either sampling job before graphile-worker gives up on it (decision 0010). */
export const SAMPLING_JOB_ATTEMPTS = 3;

/**
 * Points the rule's one scheduled job at its next slot after `after` (or removes it when the
 * rule is paused or manual, or its next slot falls after the rule's end — a coaching plan's
 * follow-up rule ends on the plan's due date), in the caller's transaction. The job key makes
 * this replace a waiting job, so editing a schedule never leaves an old slot behind.
 */
export async function scheduleRuleRun(
  trx: Database,
  rule: { id: string; active: boolean; schedule: Schedule },
  after: Date,
  timeZone: string,
): Promise<Date | null> {
  const { ends_at: endsAt } = (await trx.selectFrom("sampling_rules").select("ends_at").where("id", "=", rule.id).executeTakeFirst()) ?? { ends_at: null };
  let next = rule.active ? nextRunAt(rule.schedule, after, timeZone) : null;
  if (next && endsAt && next >= endsAt) next = null;
  await trx.updateTable("sampling_rules").set({ next_run_at: next }).where("id", "=", rule.id).execute();
  if (next) {
    await queueSchedulerJob(trx, rule.id, next, next);
  } else {
    await removeJob(trx, ruleJobKey(rule.id));
  }
  return next;
}

/** Queues the rule's scheduler job for `slot`, to start at `runAt` (the slot itself, or now for a repair). */
export async function queueSchedulerJob(trx: Database, ruleId: string, slot: Date, runAt: Date): Promise<void> {
  await enqueueJob(
    trx,
    "run_sampling_rule",
    { ruleId, slot: slot.toISOString() },
    { jobKey: ruleJobKey(ruleId), runAt, maxAttempts: SAMPLING_JOB_ATTEMPTS },
  );
}
