/**
 * The `run_sampling_rule` job (the rule's scheduler, key `sampling_rule:<id>`): claims the
 * slot it was queued for and, in the same transaction, queues a `run_sampling_slot` job that
 * runs it and re-queues itself for the next slot (decision 0010).
 *
 * The sampling run is not done here on purpose. Re-queueing under the same key while this job
 * runs makes graphile-worker take the key off this job and mark it as out of attempts, so a
 * run that failed here would never be retried. The slot job has its own key and its own
 * retries; this job only commits or rolls back one transaction, so when it fails nothing was
 * claimed, its key is intact and graphile-worker's retry claims the slot again.
 */
import type { Database } from "../../lib/db.server";
import { enqueueJob } from "../../lib/jobs.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { SamplingRuleSettings } from "./sampling-rule.schema";
import { SAMPLING_JOB_ATTEMPTS, scheduleRuleRun, slotJobKey } from "./schedule-rule-run.server";

export type ClaimOutcome = { kind: "stale" } | { kind: "claimed"; next: Date | null };

export async function claimScheduledSlot(db: Database, input: { ruleId: string; slot: Date; now?: Date }): Promise<ClaimOutcome> {
  const { timeZone } = await getOrganisation(db);
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const rule = await trx
      .selectFrom("sampling_rules")
      .select(["id", "active", "settings", "next_run_at"])
      .where("id", "=", input.ruleId)
      .forUpdate()
      .executeTakeFirst();
    const schedule = (rule?.settings as Pick<SamplingRuleSettings, "schedule"> | undefined)?.schedule;
    // Deleted, paused, made manual, or moved to another slot since this job was queued: the
    // change that did so already queued (or removed) the job for the rule's real next slot.
    if (!rule || !rule.active || !schedule || schedule.kind === "manual") return { kind: "stale" };
    if (rule.next_run_at?.getTime() !== input.slot.getTime()) return { kind: "stale" };

    await enqueueJob(
      trx,
      "run_sampling_slot",
      { ruleId: rule.id, slot: input.slot.toISOString() },
      { jobKey: slotJobKey(rule.id, input.slot), maxAttempts: SAMPLING_JOB_ATTEMPTS },
    );
    // From the later of now and the slot: a job that starts late (the worker was down) runs
    // the slot it was meant for once, and the slots missed in between are not back-filled.
    const after = now.getTime() > input.slot.getTime() ? now : input.slot;
    const next = await scheduleRuleRun(trx, { id: rule.id, active: true, schedule }, after, timeZone);
    return { kind: "claimed", next };
  });
}
