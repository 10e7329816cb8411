import type { Database } from "../../lib/db.server";
import { enqueueJob, removeJob } from "../../lib/jobs.server";
import type { Schedule } from "./sampling-rule.schema";
import { nextRunAt } from "./schedule";

export const ruleJobKey = (ruleId: string) => `sampling_rule:${ruleId}`;

/**
 * Points the rule's one scheduled job at its next slot after `after` (or removes it when the
 * rule is paused or manual), in the caller's transaction. The job key makes this replace a
 * waiting job, so editing a schedule never leaves an old slot behind.
 */
export async function scheduleRuleRun(
  trx: Database,
  rule: { id: string; active: boolean; schedule: Schedule },
  after: Date,
  timeZone: string,
): Promise<Date | null> {
  const next = rule.active ? nextRunAt(rule.schedule, after, timeZone) : null;
  await trx.updateTable("sampling_rules").set({ next_run_at: next }).where("id", "=", rule.id).execute();
  if (next) {
    await enqueueJob(trx, "run_sampling_rule", { ruleId: rule.id, slot: next.toISOString() }, { jobKey: ruleJobKey(rule.id), runAt: next, maxAttempts: 3 });
  } else {
    await removeJob(trx, ruleJobKey(rule.id));
  }
  return next;
}
