import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { RUN_AT, assignmentsOfScorecard, samplingWorld } from "../../../test/sampling-fixtures";
import { seedScorecard, seedUser } from "../../../test/factories";
import { seedEvaluation } from "../../../test/review-factories";
import { setScorecardArchived } from "../scorecards/set-scorecard-archived.server";
import { claimScheduledSlot } from "./claim-scheduled-slot.server";
import { runScheduledSlot } from "./run-scheduled-slot.server";
import { deleteSamplingRule } from "./delete-sampling-rule.server";
import { setSamplingRuleActive, updateSamplingRule } from "./save-sampling-rule.server";
import { samplingCoverage } from "./sampling-coverage.server";
import { seedData } from "../access/actor";

/** graphile-worker keeps payloads in its private table; the public view leaves them out. */
const jobsWithKey = (key: string) =>
  sql<{ run_at: Date; payload: { ruleId: string; slot: string }; task: string; max_attempts: number }>`
    SELECT j.run_at, j.payload, t.identifier AS task, j.max_attempts
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.key = ${key}`
    .execute(db())
    .then((r) => r.rows);
const queuedJob = (ruleId: string) => jobsWithKey(`sampling_rule:${ruleId}`);

const ruleRow = (id: string) => db().selectFrom("sampling_rules").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("saving sampling rules", () => {
  it("refuses a scorecard without a published version, reviewers who do not review, and a taken name", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0 });
    const draft = await seedScorecard({ published: false });
    expect((await refusal(world.createRule({ scorecardId: draft.id }))).fieldErrors).toEqual({ scorecardId: "Choose a published scorecard" });
    const supervisor = await seedUser("supervisor");
    expect((await refusal(world.createRule({ reviewerIds: [supervisor.id] }))).fieldErrors).toHaveProperty("reviewerIds");
    const { settings } = await world.createRule({ name: "Weekly billing sample" });
    expect((await refusal(world.createRule({ name: "weekly BILLING sample" }))).fieldErrors).toEqual({ name: "Choose another name" });
    expect(settings.name).toBe("Weekly billing sample");
  });

  it("schedules one job at the next slot, moves it when the schedule changes and removes it when paused", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0 });
    const rule = await world.createRule({ schedule: { kind: "daily", hour: 6 } });
    const [job] = await queuedJob(rule.id);
    const stored = await ruleRow(rule.id);
    expect(stored.next_run_at).not.toBeNull();
    expect(job!.run_at.getTime()).toBe(stored.next_run_at!.getTime());
    expect(stored.next_run_at!.getUTCHours()).toBe(6);
    expect(stored.next_run_at!.getTime()).toBeGreaterThan(Date.now());

    await updateSamplingRule(db(), world.lead, rule.id, { ...rule.settings, schedule: { kind: "weekly", weekday: 1, hour: 7 } });
    const moved = await queuedJob(rule.id);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.run_at.getUTCDay()).toBe(1);
    expect(moved[0]!.run_at.getUTCHours()).toBe(7);

    await setSamplingRuleActive(db(), world.lead, rule.id, false);
    expect(await queuedJob(rule.id)).toEqual([]);
    expect((await ruleRow(rule.id)).next_run_at).toBeNull();
    await setSamplingRuleActive(db(), world.lead, rule.id, true);
    expect(await queuedJob(rule.id)).toHaveLength(1);

    await deleteSamplingRule(db(), world.lead, rule.id);
    expect(await queuedJob(rule.id)).toEqual([]);
  });
});

describe("archiving a rule's scorecard", () => {
  it("pauses the rules that use it; resuming is refused until the rule has another scorecard", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0 });
    const weekly = { kind: "weekly", weekday: 1, hour: 6 } as const;
    const [first, second] = [await world.createRule({ schedule: weekly }), await world.createRule({ schedule: weekly })];
    const otherScorecard = await seedScorecard();
    const elsewhere = await world.createRule({ schedule: weekly, scorecardId: otherScorecard.id });

    expect(await setScorecardArchived(db(), world.lead, world.scorecard.id, true)).toEqual({ rulesPaused: 2 });
    for (const rule of [first, second]) {
      expect(await ruleRow(rule.id)).toMatchObject({ active: false, next_run_at: null });
      expect(await queuedJob(rule.id)).toEqual([]);
    }
    expect((await ruleRow(elsewhere.id)).active).toBe(true);
    const audit = await db().selectFrom("audit_log").select(["entity_id", "after"]).where("action", "=", "sampling_rule.pause").execute();
    expect(audit.filter((row) => row.entity_id === first.id)).toMatchObject([{ after: { reason: "scorecard_archived", scorecardId: world.scorecard.id } }]);

    const refused = await refusal(setSamplingRuleActive(db(), world.lead, first.id, true));
    expect(refused).toMatchObject({ status: 409, message: `The scorecard “${world.scorecard.name}” is archived; choose another scorecard for this rule.` });
    expect((await ruleRow(first.id)).active).toBe(false);

    await updateSamplingRule(db(), world.lead, first.id, { ...first.settings, scorecardId: otherScorecard.id });
    await setSamplingRuleActive(db(), world.lead, first.id, true);
    expect(await queuedJob(first.id)).toHaveLength(1);
    // Unarchiving pauses nothing and resumes nothing.
    expect(await setScorecardArchived(db(), world.lead, world.scorecard.id, false)).toEqual({ rulesPaused: 0 });
    expect((await ruleRow(second.id)).active).toBe(false);
  });
});

describe("claimScheduledSlot (the run_sampling_rule job)", () => {
  it("queues a job that runs the slot and moves the schedule on, once; a stale job does nothing", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 1 });
    const rule = await world.createRule({ schedule: { kind: "weekly", weekday: 3, hour: 12 } });
    // Pretend the queued slot is RUN_AT (a Wednesday at 12:00 UTC): the job runs late, now.
    await db().updateTable("sampling_rules").set({ next_run_at: RUN_AT }).where("id", "=", rule.id).execute();
    const outcome = await claimScheduledSlot(db(), { ruleId: rule.id, slot: RUN_AT });
    expect(outcome.kind).toBe("claimed");

    const [slotJob] = await jobsWithKey(`sampling_run:${rule.id}:${RUN_AT.toISOString()}`);
    expect(slotJob).toMatchObject({ task: "run_sampling_slot", payload: { ruleId: rule.id, slot: RUN_AT.toISOString() }, max_attempts: 3 });
    expect(slotJob!.run_at.getTime()).toBeLessThanOrEqual(Date.now());
    const next = (await ruleRow(rule.id)).next_run_at!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCDay()).toBe(3);
    expect(await queuedJob(rule.id)).toMatchObject([{ task: "run_sampling_rule", payload: { slot: next.toISOString() }, max_attempts: 3 }]);
    // Claiming is not running: nothing is drawn until the slot job runs.
    expect(await db().selectFrom("sampling_runs").select("id").where("rule_id", "=", rule.id).execute()).toEqual([]);

    // The slot moved on, so the same slot is not claimed twice; nor is a paused or deleted rule's.
    expect(await claimScheduledSlot(db(), { ruleId: rule.id, slot: RUN_AT })).toEqual({ kind: "stale" });
    await setSamplingRuleActive(db(), world.lead, rule.id, false);
    expect(await claimScheduledSlot(db(), { ruleId: rule.id, slot: next })).toEqual({ kind: "stale" });
    expect(await claimScheduledSlot(db(), { ruleId: "00000000-0000-4000-8000-000000000000", slot: next })).toEqual({ kind: "stale" });
  });
});

describe("runScheduledSlot (the run_sampling_slot job)", () => {
  it("runs the slot's period, a retry draws nothing new, and a paused or deleted rule is not run", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 3 });
    const rule = await world.createRule({ schedule: { kind: "weekly", weekday: 3, hour: 12 } });
    const outcome = await runScheduledSlot(db(), { ruleId: rule.id, slot: RUN_AT });
    expect(outcome).toMatchObject({ kind: "ran", status: "completed" });
    const run = await db().selectFrom("sampling_runs").selectAll().where("rule_id", "=", rule.id).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ trigger: "schedule", period_key: "2026-W46", drawn: 4 });

    const retry = await runScheduledSlot(db(), { ruleId: rule.id, slot: RUN_AT });
    expect(retry).toMatchObject({ kind: "ran", status: "completed" });
    expect(await assignmentsOfScorecard(world.scorecard.id)).toHaveLength(4);

    await setSamplingRuleActive(db(), world.lead, rule.id, false);
    expect(await runScheduledSlot(db(), { ruleId: rule.id, slot: RUN_AT })).toEqual({ kind: "stale" });
    expect(await runScheduledSlot(db(), { ruleId: "00000000-0000-4000-8000-000000000000", slot: RUN_AT })).toEqual({ kind: "stale" });
  });
});

describe("samplingCoverage", () => {
  it("shows per agent what matched, what was reviewed and who is under-sampled", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 4 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 2 } });
    const [reviewedAgent, other] = world.agents;
    const reviewedIds = world.interactionsByAgent.get(reviewedAgent!.id)!.slice(0, 2);
    for (const interactionId of reviewedIds) {
      await seedEvaluation({ reviewer: world.reviewers[0]!, interactionId, scorecardId: world.scorecard.id, answers: { greeting: { value: true } } });
    }
    const report = await samplingCoverage(db(), seedData, { ruleId: rule.id, asOf: RUN_AT });
    expect(report.period.key).toBe("2026-W46");
    expect(report.agents.map((a) => [a.agentId, a.matched, a.reviewed, a.wanted, a.underSampled])).toEqual([
      [other!.id, 4, 0, 2, true],
      [reviewedAgent!.id, 4, 2, 2, false],
    ]);
    expect(report.totals).toMatchObject({ matched: 8, reviewed: 2, wanted: 4, underSampled: 1 });
  });
});
