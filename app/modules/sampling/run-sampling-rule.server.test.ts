import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { RUN_AT, assignmentsOfRun, assignmentsOfScorecard, inWeek, samplingWorld } from "../../../test/sampling-fixtures";
import { insertInteractionRows, seedScorecard, seedUser } from "../../../test/factories";
import { seedEvaluation } from "../../../test/review-factories";
import { previewSamplingRule } from "./preview-sampling-rule.server";
import { runSamplingRule, unexpectedRunError } from "./run-sampling-rule.server";
import { samplingCoverage } from "./sampling-coverage.server";
import { seedData } from "../access/actor";

const run = (ruleId: string, runAt = RUN_AT) => runSamplingRule(db(), seedData, { ruleId, runAt, trigger: "manual" });

async function completed(ruleId: string, runAt = RUN_AT) {
  const outcome = await run(ruleId, runAt);
  if (outcome.status !== "completed") throw new Error(`run failed: ${outcome.error}`);
  return outcome.runId;
}

const runRow = (id: string) => db().selectFrom("sampling_runs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("runSamplingRule", () => {
  it("draws the quota per agent, balanced across reviewers, and records the run", async () => {
    const world = await samplingWorld({ agents: 3, perAgent: 5, reviewers: 2 });
    const rule = await world.createRule();
    const runId = await completed(rule.id);

    const assignments = await assignmentsOfRun(runId);
    expect(assignments).toHaveLength(6);
    for (const agent of world.agents) expect(assignments.filter((a) => a.agent_id === agent.id)).toHaveLength(2);
    const perReviewer = world.reviewers.map((r) => assignments.filter((a) => a.reviewer_id === r.id).length);
    expect(perReviewer).toEqual([3, 3]);
    expect(new Set(assignments.map((a) => a.status))).toEqual(new Set(["open"]));

    const row = await runRow(runId);
    expect(row).toMatchObject({ status: "completed", period_key: "2026-W46", matched: 15, drawn: 6, assigned: 6, shortfall: 0 });
    expect(row.period_start.toISOString()).toBe("2026-11-09T00:00:00.000Z");
    expect(row.period_end.toISOString()).toBe("2026-11-16T00:00:00.000Z");
  });

  it("reports each agent's shortfall, including agents with nothing in the period", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 1 });
    const quiet = await seedUser("agent");
    const rule = await world.createRule({
      quota: { kind: "per_agent", n: 3 },
      filters: { ...world.settings().filters, agentIds: [...world.agents.map((a) => a.id), quiet.id] },
    });
    const runId = await completed(rule.id);
    const row = await runRow(runId);
    expect(row.shortfall).toBe(2 + 2 + 3);
    const perAgent = row.per_agent as { agentId: string; matched: number; shortfall: number }[];
    expect(perAgent.find((a) => a.agentId === quiet.id)).toMatchObject({ matched: 0, shortfall: 3 });
  });

  it("re-running the same period draws nothing new and creates no duplicates", async () => {
    const world = await samplingWorld();
    const rule = await world.createRule();
    await completed(rule.id);
    const before = await assignmentsOfScorecard(world.scorecard.id);
    const again = await completed(rule.id, new Date(RUN_AT.getTime() + 3_600_000));
    expect(await runRow(again)).toMatchObject({ matched: 15, drawn: 0, assigned: 0, shortfall: 0 });
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual(before);
  });

  it("draws the same set for the same rule, period and seed, and another set for another seed", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 20 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 3 } });
    const firstId = await completed(rule.id);
    const first = (await assignmentsOfRun(firstId)).map((a) => a.interaction_id);
    // Release the draw, then run again: the same interactions come back.
    await db().deleteFrom("assignments").where("run_id", "=", firstId).execute();
    const second = (await assignmentsOfRun(await completed(rule.id))).map((a) => a.interaction_id);
    expect(second).toEqual(first);

    await db().deleteFrom("assignments").where("scorecard_id", "=", world.scorecard.id).execute();
    await db().updateTable("sampling_rules").set({ seed: "another-seed" }).where("id", "=", rule.id).execute();
    const reseeded = (await assignmentsOfRun(await completed(rule.id))).map((a) => a.interaction_id);
    expect(reseeded).toHaveLength(6);
    expect(reseeded).not.toEqual(first);
  });

  it("skips interactions already evaluated or assigned for the scorecard, counting them towards the quota", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 5 });
    const [agent] = world.agents;
    const [evaluated, assigned] = world.interactionsByAgent.get(agent!.id)!;
    await seedEvaluation({ reviewer: world.reviewers[0]!, interactionId: evaluated!, scorecardId: world.scorecard.id, answers: { greeting: { value: true } } });
    await db()
      .insertInto("assignments")
      .values({ interaction_id: assigned!, scorecard_id: world.scorecard.id, reviewer_id: world.reviewers[1]!.id, due_at: new Date(Date.now() + 3_600_000) })
      .execute();

    const rule = await world.createRule({ quota: { kind: "per_agent", n: 3 } });
    const runId = await completed(rule.id);
    const drawn = (await assignmentsOfRun(runId)).map((a) => a.interaction_id);
    expect(drawn).toHaveLength(1);
    expect(drawn).not.toContain(evaluated);
    expect(drawn).not.toContain(assigned);
    expect(await runRow(runId)).toMatchObject({ matched: 5, drawn: 1, shortfall: 0 });
  });

  it("never gives reviewers their own conversations", async () => {
    const world = await samplingWorld({ agents: 0, reviewers: 0 });
    const [qaA, qaB] = [await seedUser("qa"), await seedUser("qa")];
    // QA specialists who also take calls: each one's conversations must go to the other.
    await insertInteractionRows([
      ...Array.from({ length: 4 }, (_, i) => ({ agentId: qaA.id, startedAt: inWeek(5 + i) })),
      ...Array.from({ length: 4 }, (_, i) => ({ agentId: qaB.id, startedAt: inWeek(30 + i) })),
    ]);
    const rule = await world.createRule({
      quota: { kind: "all" },
      reviewerIds: [qaA.id, qaB.id],
      filters: { ...world.settings().filters, agentIds: [] },
    });
    const assignments = await assignmentsOfRun(await completed(rule.id));
    const own = assignments.filter((a) => a.agent_id === a.reviewer_id);
    expect(assignments.filter((a) => a.agent_id === qaA.id || a.agent_id === qaB.id)).toHaveLength(8);
    expect(own).toEqual([]);
  });

  it("respects the cap per reviewer per period and reports what it could not assign", async () => {
    const world = await samplingWorld({ agents: 2, perAgent: 4, reviewers: 2 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 3 }, capPerReviewer: 2 });
    const runId = await completed(rule.id);
    const row = await runRow(runId);
    expect(row).toMatchObject({ drawn: 6, assigned: 4 });
    expect(row.unassigned).toHaveLength(2);
    expect((row.unassigned as { reason: string }[]).every((u) => u.reason === "caps_reached")).toBe(true);
    const assignments = await assignmentsOfRun(runId);
    for (const reviewer of world.reviewers) expect(assignments.filter((a) => a.reviewer_id === reviewer.id)).toHaveLength(2);
  });

  it("two runs of the same rule at once assign each interaction once", async () => {
    const world = await samplingWorld({ agents: 3, perAgent: 6 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 4 } });
    const outcomes = await Promise.all([run(rule.id), run(rule.id), run(rule.id)]);
    expect(outcomes.map((o) => o.status)).toEqual(["completed", "completed", "completed"]);
    const all = await assignmentsOfScorecard(world.scorecard.id);
    expect(all).toHaveLength(12);
    expect(new Set(all.map((a) => a.interaction_id)).size).toBe(12);
    const drawnPerRun = await Promise.all(outcomes.map(async (o) => (await runRow(o.runId)).drawn));
    expect(drawnPerRun.sort()).toEqual([0, 0, 12]);
  });

  it("a run that fails half-way assigns nothing and records the failure", async () => {
    const world = await samplingWorld();
    const rule = await world.createRule();
    // Fail at the last step, after the assignments were inserted in the same transaction.
    await sql`CREATE FUNCTION fail_run_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full while recording the run'; END $$`.execute(db());
    await sql`CREATE TRIGGER fail_run_update BEFORE UPDATE ON sampling_runs FOR EACH ROW EXECUTE FUNCTION fail_run_update()`.execute(db());
    try {
      const outcome = await run(rule.id);
      if (outcome.status !== "failed") throw new Error("expected the run to fail");
      expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);
      const runs = await db().selectFrom("sampling_runs").selectAll().where("rule_id", "=", rule.id).execute();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ id: outcome.runId, status: "failed", period_key: "2026-W46", drawn: 0 });
      // The lead reads a plain sentence naming the run; PostgreSQL's words stay in the log and the job queue.
      expect(runs[0]!.error).toBe(unexpectedRunError(outcome.runId));
      expect(runs[0]!.error).not.toContain("disk full");
      expect(outcome).toMatchObject({ error: runs[0]!.error, retryable: true });
      expect(outcome.detail).toContain("disk full while recording the run");
    } finally {
      await sql`DROP TRIGGER fail_run_update ON sampling_runs`.execute(db());
      await sql`DROP FUNCTION fail_run_update()`.execute(db());
    }
    // Once the fault is gone the same period runs normally.
    expect((await run(rule.id)).status).toBe("completed");
    expect(await assignmentsOfScorecard(world.scorecard.id)).toHaveLength(6);
  });

  it("refuses a scorecard that is archived or has no published version, recording why and assigning nothing", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 3 });
    const rule = await world.createRule();
    await db().updateTable("scorecards").set({ archived_at: new Date() }).where("id", "=", world.scorecard.id).execute();
    const archived = await run(rule.id);
    expect(archived).toMatchObject({
      status: "failed",
      retryable: false,
      error: `The scorecard “${world.scorecard.name}” is archived; choose another scorecard for this rule.`,
    });
    expect((await runRow(archived.runId)).error).toBe(`The scorecard “${world.scorecard.name}” is archived; choose another scorecard for this rule.`);

    // A scorecard that never had a published version (only possible behind the app's back: saving a rule checks it).
    const draft = await seedScorecard({ published: false });
    await db().updateTable("sampling_rules").set({ scorecard_id: draft.id }).where("id", "=", rule.id).execute();
    const unpublished = await run(rule.id);
    expect(unpublished).toMatchObject({
      status: "failed",
      error: `The scorecard “${draft.name}” has no published version; publish it or choose another scorecard for this rule.`,
    });
    expect(await db().selectFrom("assignments").select("id").where("rule_id", "=", rule.id).execute()).toEqual([]);
  });

  it("reports shortfall only for agents who worked in the rule's scope, the same agents the coverage page lists", async () => {
    const world = await samplingWorld({ agents: 0, reviewers: 1 });
    const queue = `queue-${Math.random().toString(36).slice(2, 10)}`;
    const [busy, unlucky, voiceOnly] = [await seedUser("agent"), await seedUser("agent"), await seedUser("agent")];
    await insertInteractionRows([
      ...Array.from({ length: 3 }, (_, i) => ({ agentId: busy.id, startedAt: inWeek(2 + i), channel: "chat" as const, queue, tags: ["escalated"] })),
      // Chats in the queue, none escalated: short of the whole quota.
      { agentId: unlucky.id, startedAt: inWeek(6), channel: "chat", queue },
      // Never works chats: not expected at all (it used to be listed as 2 short, like every active agent).
      { agentId: voiceOnly.id, startedAt: inWeek(7), channel: "call", queue, tags: ["escalated"] },
    ]);
    const rule = await world.createRule({
      filters: { ...world.settings().filters, agentIds: [], channels: ["chat"], queues: [queue], tags: ["escalated"] },
      quota: { kind: "per_agent", n: 2 },
    });
    const row = await runRow(await completed(rule.id));
    const perAgent = row.per_agent as { agentId: string; matched: number; drawn: number; shortfall: number }[];
    expect(perAgent.map((a) => a.agentId).sort()).toEqual([busy.id, unlucky.id].sort());
    expect(perAgent.find((a) => a.agentId === busy.id)).toMatchObject({ matched: 3, drawn: 2, shortfall: 0 });
    expect(perAgent.find((a) => a.agentId === unlucky.id)).toMatchObject({ matched: 0, drawn: 0, shortfall: 2 });
    expect(row.shortfall).toBe(2);

    const coverage = await samplingCoverage(db(), seedData, { ruleId: rule.id, asOf: RUN_AT });
    expect(coverage.agents.map((a) => a.agentId).sort()).toEqual(perAgent.map((a) => a.agentId).sort());
    expect(coverage.agents.find((a) => a.agentId === unlucky.id)).toMatchObject({ matched: 0, wanted: 0, underSampled: false });
  });

  it("samples only the rule's window: interactions outside the period are never drawn", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0 });
    const [agent] = world.agents;
    const [before, inside, after] = await insertInteractionRows([
      { agentId: agent!.id, startedAt: new Date("2026-11-08T23:59:59.000Z") },
      { agentId: agent!.id, startedAt: new Date("2026-11-09T00:00:00.000Z") },
      { agentId: agent!.id, startedAt: new Date("2026-11-16T00:00:00.000Z") },
    ]);
    const rule = await world.createRule({ quota: { kind: "all" } });
    const drawn = (await assignmentsOfRun(await completed(rule.id))).map((a) => a.interaction_id);
    expect(drawn).toEqual([inside]);
    expect(drawn).not.toContain(before);
    expect(drawn).not.toContain(after);
  });
});

describe("previewSamplingRule", () => {
  it("counts what a run would draw per agent and reviewer, without assigning anything", async () => {
    const world = await samplingWorld({ agents: 3, perAgent: 5, reviewers: 2 });
    const rule = await world.createRule({ quota: { kind: "percentage", percent: 30 } });
    const stored = await db().selectFrom("sampling_rules").select("seed").where("id", "=", rule.id).executeTakeFirstOrThrow();
    const preview = await previewSamplingRule(db(), seedData, { settings: rule.settings, ruleId: rule.id, ruleSeed: stored.seed, runAt: RUN_AT });
    expect(preview).toMatchObject({ periodKey: "2026-W46", matched: 15, wouldDraw: 6, wouldAssign: 6, shortfall: 0 });
    expect(preview.perAgent.map((a) => a.wanted)).toEqual([2, 2, 2]);
    expect(preview.perReviewer.map((r) => r.wouldGet)).toEqual([3, 3]);
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);

    const runId = await completed(rule.id);
    expect((await runRow(runId)).drawn).toBe(preview.wouldDraw);
  });
});
