import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { RUN_AT, assignmentsOfScorecard, samplingWorld } from "../../../test/sampling-fixtures";
import { seedScorecard, seedUser } from "../../../test/factories";
import { runScheduledRule } from "./run-scheduled-rule.server";
import { deleteSamplingRule, setSamplingRuleActive, updateSamplingRule } from "./save-sampling-rule.server";
import { samplingCoverage } from "./sampling-coverage.server";


/** graphile-worker keeps payloads in its private table; the public view leaves them out. */
const queuedJob = (ruleId: string) =>
  sql<{ run_at: Date; payload: { ruleId: string; slot: string } }>`
    SELECT run_at, payload FROM graphile_worker._private_jobs WHERE key = ${`sampling_rule:${ruleId}`}`
    .execute(db())
    .then((r) => r.rows);

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

    await updateSamplingRule(db(), world.lead.id, rule.id, { ...rule.settings, schedule: { kind: "weekly", weekday: 1, hour: 7 } });
    const moved = await queuedJob(rule.id);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.run_at.getUTCDay()).toBe(1);
    expect(moved[0]!.run_at.getUTCHours()).toBe(7);

    await setSamplingRuleActive(db(), world.lead.id, rule.id, false);
    expect(await queuedJob(rule.id)).toEqual([]);
    expect((await ruleRow(rule.id)).next_run_at).toBeNull();
    await setSamplingRuleActive(db(), world.lead.id, rule.id, true);
    expect(await queuedJob(rule.id)).toHaveLength(1);

    await deleteSamplingRule(db(), world.lead.id, rule.id);
    expect(await queuedJob(rule.id)).toEqual([]);
  });
});

describe("runScheduledRule (the run_sampling_rule job)", () => {
  it("runs the slot's period, moves the schedule on, and ignores a stale job", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 3 });
    const rule = await world.createRule({ schedule: { kind: "weekly", weekday: 3, hour: 12 } });
    // Pretend the queued slot is RUN_AT (a Wednesday at 12:00 UTC): the job runs late, now.
    await db().updateTable("sampling_rules").set({ next_run_at: RUN_AT }).where("id", "=", rule.id).execute();
    const outcome = await runScheduledRule(db(), { ruleId: rule.id, slot: RUN_AT });
    expect(outcome).toMatchObject({ kind: "ran", status: "completed" });
    const run = await db().selectFrom("sampling_runs").selectAll().where("rule_id", "=", rule.id).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ trigger: "schedule", period_key: "2026-W46", drawn: 4 });
    const next = (await ruleRow(rule.id)).next_run_at!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCDay()).toBe(3);
    expect((await queuedJob(rule.id))[0]!.payload.slot).toBe(next.toISOString());

    // A retry of the same slot is harmless: nothing new is drawn.
    const retry = await runScheduledRule(db(), { ruleId: rule.id, slot: RUN_AT });
    expect(retry).toMatchObject({ kind: "ran", status: "completed" });
    expect(await assignmentsOfScorecard(world.scorecard.id)).toHaveLength(4);

    await setSamplingRuleActive(db(), world.lead.id, rule.id, false);
    expect(await runScheduledRule(db(), { ruleId: rule.id, slot: next })).toEqual({ kind: "stale" });
    expect(await runScheduledRule(db(), { ruleId: "00000000-0000-4000-8000-000000000000", slot: next })).toEqual({ kind: "stale" });
  });
});

describe("samplingCoverage", () => {
  it("shows per agent what matched, what was reviewed and who is under-sampled", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 4 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 2 } });
    const [reviewedAgent, other] = world.agents;
    const reviewedIds = world.interactionsByAgent.get(reviewedAgent!.id)!.slice(0, 2);
    await db()
      .insertInto("evaluations")
      .values(
        reviewedIds.map((interactionId) => ({
          interaction_id: interactionId,
          scorecard_id: world.scorecard.id,
          scorecard_version_id: world.scorecard.versionId,
          reviewer_id: world.reviewers[0]!.id,
          status: "submitted",
          submitted_at: new Date(),
          score: 75,
        })),
      )
      .execute();
    const report = await samplingCoverage(db(), { ruleId: rule.id, asOf: RUN_AT });
    expect(report.period.key).toBe("2026-W46");
    expect(report.agents.map((a) => [a.agentId, a.matched, a.reviewed, a.wanted, a.underSampled])).toEqual([
      [other!.id, 4, 0, 2, true],
      [reviewedAgent!.id, 4, 2, 2, false],
    ]);
    expect(report.totals).toMatchObject({ matched: 8, reviewed: 2, wanted: 4, underSampled: 1 });
  });
});
