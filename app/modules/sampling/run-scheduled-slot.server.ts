/**
 * The `run_sampling_slot` job: runs a rule for a slot its scheduler claimed. The period comes
 * from the slot, not the clock, so a job that starts late or is retried samples the period it
 * was meant for, and a retry after a failure draws exactly what the failed run would have
 * (runs are idempotent, decision 0008). A rule deleted, paused or made manual since the claim
 * is not run: the lead has stopped its schedule.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { backgroundJobs } from "../access/actor";
import { getRuleSettings } from "./get-rule-settings.server";
import { runSamplingRule, type RunOutcome } from "./run-sampling-rule.server";

export type ScheduledOutcome = { kind: "stale" } | ({ kind: "ran" } & RunOutcome);

export async function runScheduledSlot(db: Database, input: { ruleId: string; slot: Date }): Promise<ScheduledOutcome> {
  let rule;
  try {
    rule = await getRuleSettings(db, input.ruleId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return { kind: "stale" };
    throw error;
  }
  if (!rule.active || rule.settings.schedule.kind === "manual") return { kind: "stale" };
  // A rule with an end (a coaching plan's follow-up) draws nothing for a slot past it.
  const ending = await db.selectFrom("sampling_rules").select("ends_at").where("id", "=", rule.id).executeTakeFirst();
  if (ending?.ends_at && input.slot >= ending.ends_at) return { kind: "stale" };
  const outcome = await runSamplingRule(db, backgroundJobs, { ruleId: rule.id, runAt: input.slot, trigger: "schedule" });
  return { kind: "ran", ...outcome };
}
