/**
 * The `run_sampling_rule` job: runs a rule for the schedule slot it was queued for, after
 * queueing the next slot. The period comes from the slot, not the clock, so a job that
 * starts late (the server was down, the queue was busy) still samples the period it was
 * meant for. A stale job (the rule was edited, paused or deleted since) does nothing.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { getOrganisation } from "../users/get-organisation.server";
import { getRuleSettings } from "./get-rule-settings.server";
import { runSamplingRule, type RunOutcome } from "./run-sampling-rule.server";
import { scheduleRuleRun } from "./schedule-rule-run.server";

export type ScheduledOutcome = { kind: "stale" } | ({ kind: "ran" } & RunOutcome);

export async function runScheduledRule(db: Database, input: { ruleId: string; slot: Date; now?: Date }): Promise<ScheduledOutcome> {
  let rule;
  try {
    rule = await getRuleSettings(db, input.ruleId);
  } catch (error) {
    if (error instanceof DomainError && error.label === "not_found") return { kind: "stale" };
    throw error;
  }
  if (!rule.active || rule.settings.schedule.kind === "manual") return { kind: "stale" };

  // Claim the slot: only the job for the rule's current slot moves the schedule on. A retry
  // of this job (the slot already moved on) still runs the slot: the run is idempotent.
  const { timeZone } = await getOrganisation(db);
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("sampling_rules").select("next_run_at").where("id", "=", rule.id).forUpdate().executeTakeFirst();
    if (current?.next_run_at?.getTime() === input.slot.getTime()) {
      const after = now.getTime() > input.slot.getTime() ? now : input.slot;
      await scheduleRuleRun(trx, { id: rule.id, active: true, schedule: rule.settings.schedule }, after, timeZone);
    }
  });
  const outcome = await runSamplingRule(db, { ruleId: rule.id, runAt: input.slot, trigger: "schedule", startedBy: null });
  return { kind: "ran", ...outcome };
}
