/**
 * Scheduled sampling through graphile-worker itself: jobs queued the way the app queues them,
 * run by `runOnce` with the real task list on real PostgreSQL. What is proved here is what
 * only the queue can show: a failed run is retried (its job keeps its attempts), a refused
 * run is not, and a schedule whose job chain broke is put back by the repair cron job.
 */
import { Logger, quickAddJob, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { db, pgPool } from "../../app/lib/db.server";
import { repairRuleSchedules } from "../../app/modules/sampling/repair-rule-schedules.server";
import { queueSchedulerJob, ruleJobKey, slotJobKey } from "../../app/modules/sampling/schedule-rule-run.server";
import { setScorecardArchived } from "../../app/modules/scorecards/set-scorecard-archived.server";
import { RUN_AT, assignmentsOfScorecard, samplingWorld } from "../../test/sampling-fixtures";
import { taskList } from "./task-list";

const silent = new Logger(() => () => {});
const runDueJobs = () => runOnce({ pgPool: pgPool(), taskList, logger: silent, noHandleSignals: true });

interface JobRow {
  id: string;
  task_identifier: string;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
}

const jobWithKey = async (key: string) =>
  (
    await sql<JobRow>`SELECT id, task_identifier, run_at, attempts, max_attempts, last_error FROM graphile_worker.jobs WHERE key = ${key}`.execute(
      db(),
    )
  ).rows[0];

const runsOf = (ruleId: string) =>
  db().selectFrom("sampling_runs").selectAll().where("rule_id", "=", ruleId).orderBy("started_at").orderBy("finished_at").execute();

const ruleRow = (id: string) => db().selectFrom("sampling_rules").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** A weekly rule (Wednesdays 12:00 UTC) whose slot RUN_AT is due: its scheduler job is queued for it, to start now. */
async function dueRule(world: Awaited<ReturnType<typeof samplingWorld>>) {
  const rule = await world.createRule({ schedule: { kind: "weekly", weekday: 3, hour: 12 } });
  await db().updateTable("sampling_rules").set({ next_run_at: RUN_AT }).where("id", "=", rule.id).execute();
  await queueSchedulerJob(db(), rule.id, RUN_AT, new Date());
  return rule;
}

/** Makes every run fail at its last step, after its assignments were inserted (as a full disk would). */
async function breakRuns() {
  await sql`CREATE FUNCTION fail_run_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'disk full while recording the run'; END $$`.execute(db());
  await sql`CREATE TRIGGER fail_run_update BEFORE UPDATE ON sampling_runs FOR EACH ROW EXECUTE FUNCTION fail_run_update()`.execute(db());
}

afterEach(async () => {
  await sql`DROP TRIGGER IF EXISTS fail_run_update ON sampling_runs`.execute(db());
  await sql`DROP FUNCTION IF EXISTS fail_run_update()`.execute(db());
  await db().deleteFrom("sampling_rules").execute();
  await sql`DELETE FROM graphile_worker._private_jobs`.execute(db());
});

describe("a scheduled sampling run", () => {
  it("that fails is retried by graphile-worker and succeeds, while the schedule has already moved on", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 3 });
    const rule = await dueRule(world);
    await breakRuns();

    await runDueJobs();
    // The scheduler claimed the slot and queued itself for the next one, untouched by the failure.
    const next = (await ruleRow(rule.id)).next_run_at!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(await jobWithKey(ruleJobKey(rule.id))).toMatchObject({ task_identifier: "run_sampling_rule", attempts: 0, last_error: null });
    expect((await jobWithKey(ruleJobKey(rule.id)))!.run_at.getTime()).toBe(next.getTime());
    // The slot's run failed once, was recorded, and waits for its retry with attempts to spare.
    const slotJob = await jobWithKey(slotJobKey(rule.id, RUN_AT));
    expect(slotJob).toMatchObject({ task_identifier: "run_sampling_slot", attempts: 1, max_attempts: 3 });
    expect(slotJob!.last_error).toContain("disk full while recording the run");
    expect((await runsOf(rule.id)).map((run) => run.status)).toEqual(["failed"]);
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);

    // The fault clears; the retry's back-off (seconds) is skipped rather than slept through.
    await sql`DROP TRIGGER fail_run_update ON sampling_runs`.execute(db());
    await sql`SELECT graphile_worker.reschedule_jobs(ARRAY[${slotJob!.id}]::bigint[], run_at => now())`.execute(db());
    await runDueJobs();

    expect(await jobWithKey(slotJobKey(rule.id, RUN_AT))).toBeUndefined();
    const runs = await runsOf(rule.id);
    expect(runs.map((run) => run.status)).toEqual(["failed", "completed"]);
    expect(runs[1]).toMatchObject({ trigger: "schedule", period_key: "2026-W46", drawn: 4, assigned: 4 });
    expect(await assignmentsOfScorecard(world.scorecard.id)).toHaveLength(4);
    // And the next slot is still queued, once.
    expect((await jobWithKey(ruleJobKey(rule.id)))!.run_at.getTime()).toBe(next.getTime());
  });

  it("refused because the scorecard is archived is recorded once with the reason and not retried", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 3 });
    const rule = await dueRule(world);
    // Archived behind the rule's back (archiving through the app pauses the rule, see below).
    await db().updateTable("scorecards").set({ archived_at: new Date() }).where("id", "=", world.scorecard.id).execute();

    await runDueJobs();
    expect(await jobWithKey(slotJobKey(rule.id, RUN_AT))).toBeUndefined();
    const runs = await runsOf(rule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "failed", assigned: 0 });
    expect(runs[0]!.error).toBe(`The scorecard “${world.scorecard.name}” is archived; choose another scorecard for this rule.`);
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);
  });

  it("of a rule whose scorecard is archived through the app does not happen: the rule is paused", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 3 });
    const rule = await dueRule(world);
    await setScorecardArchived(db(), world.lead, world.scorecard.id, true);
    expect(await ruleRow(rule.id)).toMatchObject({ active: false, next_run_at: null });
    expect(await jobWithKey(ruleJobKey(rule.id))).toBeUndefined();
    await runDueJobs();
    expect(await runsOf(rule.id)).toEqual([]);
  });
});

describe("repairing broken schedules", () => {
  const MINUTE = 60_000;

  it("re-queues only active scheduled rules that are overdue and have no live scheduler job", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0 });
    const weekly = { kind: "weekly", weekday: 3, hour: 12 } as const;
    const make = () => world.createRule({ schedule: weekly });
    const [deadJob, noJob, neverScheduled, waiting, justLate, paused, manual] = [await make(), await make(), await make(), await make(), await make(), await make(), await world.createRule()];
    const now = new Date();
    const setNext = (id: string, at: Date | null) => db().updateTable("sampling_rules").set({ next_run_at: at }).where("id", "=", id).execute();

    // The scheduler job used up its attempts: it keeps its key but will never run again.
    await setNext(deadJob.id, RUN_AT);
    await sql`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'connection refused' WHERE key = ${ruleJobKey(deadJob.id)}`.execute(db());
    await setNext(noJob.id, RUN_AT);
    await sql`DELETE FROM graphile_worker._private_jobs WHERE key = ${ruleJobKey(noJob.id)}`.execute(db());
    await setNext(neverScheduled.id, null);
    await sql`DELETE FROM graphile_worker._private_jobs WHERE key = ${ruleJobKey(neverScheduled.id)}`.execute(db());
    // Overdue but its job is still waiting (the worker is busy or down): the job will run.
    await setNext(waiting.id, RUN_AT);
    // Late by less than the grace period.
    await setNext(justLate.id, new Date(now.getTime() - 5 * MINUTE));
    await sql`DELETE FROM graphile_worker._private_jobs WHERE key = ${ruleJobKey(justLate.id)}`.execute(db());
    await db().updateTable("sampling_rules").set({ active: false, next_run_at: RUN_AT }).where("id", "=", paused.id).execute();
    await setNext(manual.id, RUN_AT);

    const { ruleIds } = await repairRuleSchedules(db(), { now });
    expect(ruleIds.sort()).toEqual([deadJob.id, noJob.id, neverScheduled.id].sort());

    // The missed slot is queued to run now, under the rule's key, with fresh attempts.
    for (const rule of [deadJob, noJob]) {
      const job = await jobWithKey(ruleJobKey(rule.id));
      expect(job).toMatchObject({ task_identifier: "run_sampling_rule", attempts: 0, max_attempts: 3, last_error: null });
      expect(job!.run_at.getTime()).toBeLessThanOrEqual(Date.now());
    }
    // A rule with no known slot is scheduled from now.
    const fresh = (await ruleRow(neverScheduled.id)).next_run_at!;
    expect(fresh.getTime()).toBeGreaterThan(now.getTime());
    expect((await jobWithKey(ruleJobKey(neverScheduled.id)))!.run_at.getTime()).toBe(fresh.getTime());

    // Repaired rules are healthy: a second pass finds nothing.
    expect((await repairRuleSchedules(db(), { now })).ruleIds).toEqual([]);
  });

  it("through the cron task: the missed slot runs and the schedule moves on", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 3 });
    const rule = await world.createRule({ schedule: { kind: "weekly", weekday: 3, hour: 12 } });
    await db().updateTable("sampling_rules").set({ next_run_at: RUN_AT }).where("id", "=", rule.id).execute();
    await sql`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'connection refused' WHERE key = ${ruleJobKey(rule.id)}`.execute(db());

    // graphile-worker adds `_cron` to a scheduled job's payload.
    await quickAddJob({ pgPool: pgPool(), logger: silent }, "repair_sampling_schedules", { _cron: { ts: new Date().toISOString(), backfilled: false } });
    await runDueJobs();

    const runs = await runsOf(rule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", trigger: "schedule", period_key: "2026-W46", drawn: 4 });
    const next = (await ruleRow(rule.id)).next_run_at!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(await jobWithKey(ruleJobKey(rule.id))).toMatchObject({ attempts: 0, last_error: null });
  });
});
