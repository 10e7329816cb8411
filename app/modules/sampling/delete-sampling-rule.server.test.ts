/**
 * Deleting a sampling rule on real PostgreSQL (decision 0010, "Deleting a rule"): open work
 * nobody began is cancelled in the same transaction, work begun and work done stay, all of
 * it keeps the rule's name, and My queue, the dashboard and the interaction page say "deleted
 * rule" instead of "Manual".
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { insertInteractionRows } from "../../../test/factories";
import { RUN_AT, assignmentsOfRun, inWeek, samplingWorld } from "../../../test/sampling-fixtures";
import { assignInteraction } from "../assignments/assign-interaction.server";
import { assignmentsDashboard, listOpenAssignments } from "../assignments/assignments-dashboard.server";
import { listInteractionAssignments } from "../assignments/list-interaction-assignments.server";
import { listMyQueue } from "../assignments/list-my-queue.server";
import { skipAssignment } from "../assignments/skip-assignment.server";
import { openEvaluation } from "../evaluations/open-evaluation.server";
import { deleteSamplingRule, ruleDeletedReason } from "./delete-sampling-rule.server";
import { countRuleWork } from "./rule-work-counts.server";
import { runSamplingRule } from "./run-sampling-rule.server";
import { seedData } from "../access/actor";

const assignmentRow = (id: string) =>
  db()
    .selectFrom("assignments")
    .select(["status", "skip_reason", "closed_by", "rule_id", "run_id", "deleted_rule_name"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

/** A run's four assignments: one begun (draft), one done, one skipped, one not started; and one manual. */
async function ruleWithWork() {
  const world = await samplingWorld({ agents: 2, perAgent: 3, reviewers: 2 });
  const rule = await world.createRule({ quota: { kind: "per_agent", n: 2 } });
  const { runId } = await runSamplingRule(db(), world.lead, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
  const [begun, done, skipped, notStarted] = await assignmentsOfRun(runId);
  const reviewerOf = (row: { reviewer_id: string }) => world.reviewers.find((r) => r.id === row.reviewer_id)!;
  await openEvaluation(db(), reviewerOf(begun!), { assignmentId: begun!.id });
  await db().updateTable("assignments").set({ status: "done", closed_at: new Date() }).where("id", "=", done!.id).execute();
  await skipAssignment(db(), reviewerOf(skipped!), skipped!.id, "no audio");
  const [extra] = await insertInteractionRows([{ agentId: world.agents[0]!.id, startedAt: inWeek(100) }]);
  const manual = await assignInteraction(db(), world.lead, {
    interactionId: extra!,
    scorecardId: world.scorecard.id,
    reviewerId: world.reviewers[0]!.id,
    dueAt: new Date(Date.now() + 3_600_000),
  });
  return { ...world, rule, runId, begun: begun!, done: done!, skipped: skipped!, notStarted: notStarted!, manual, reviewerOf };
}

describe("deleteSamplingRule", () => {
  it("cancels open work nobody began, keeps begun, done and skipped work with the rule's name, and drops the runs", async () => {
    const world = await ruleWithWork();
    const name = world.rule.settings.name;
    expect(await countRuleWork(db(), seedData, world.rule.id)).toEqual({ ruleName: name, notStarted: 1, inProgress: 1, done: 1, skipped: 1, runs: 1 });

    expect(await deleteSamplingRule(db(), world.lead, world.rule.id)).toEqual({ name, cancelled: 1, inProgress: 1 });

    const gone = { rule_id: null, run_id: null, deleted_rule_name: name };
    expect(await assignmentRow(world.notStarted.id)).toMatchObject({ ...gone, status: "skipped", skip_reason: ruleDeletedReason(name), closed_by: world.lead.id });
    expect(await assignmentRow(world.begun.id)).toMatchObject({ ...gone, status: "open", skip_reason: null });
    expect(await assignmentRow(world.done.id)).toMatchObject({ ...gone, status: "done" });
    expect(await assignmentRow(world.skipped.id)).toMatchObject({ ...gone, status: "skipped", skip_reason: "no audio" });
    expect(await assignmentRow(world.manual.id)).toMatchObject({ status: "open", deleted_rule_name: null });
    expect(await db().selectFrom("sampling_runs").select("id").where("id", "=", world.runId).execute()).toEqual([]);
    const audit = await db().selectFrom("audit_log").select(["before", "after"]).where("action", "=", "sampling_rule.delete").where("entity_id", "=", world.rule.id).execute();
    expect(audit).toEqual([{ before: { name }, after: { cancelledAssignmentIds: [world.notStarted.id], inProgress: 1 } }]);

    // The cancelled one cannot be opened for review any more; the begun one still can.
    const cancelledReviewer = world.reviewerOf(world.notStarted);
    expect((await refusal(openEvaluation(db(), cancelledReviewer, { assignmentId: world.notStarted.id }))).status).toBe(409);
    expect((await openEvaluation(db(), world.reviewerOf(world.begun), { assignmentId: world.begun.id })).evaluationId).toBeTruthy();

    expect((await refusal(deleteSamplingRule(db(), world.lead, world.rule.id))).status).toBe(404);
    expect((await refusal(countRuleWork(db(), seedData, world.rule.id))).status).toBe(404);
  });

  it("labels the deleted rule's work in My queue, on the dashboard and on the interaction page, not as Manual", async () => {
    const world = await ruleWithWork();
    const name = world.rule.settings.name;
    await deleteSamplingRule(db(), world.lead, world.rule.id);

    const queue = await listMyQueue(db(), world.reviewerOf(world.begun), { limit: 10 });
    expect(queue.items.find((item) => item.id === world.begun.id)).toMatchObject({ ruleName: name, ruleDeleted: true, runId: null });
    const manualInQueue = (await listMyQueue(db(), world.reviewers[0]!, { limit: 10 })).items.find((item) => item.id === world.manual.id);
    expect(manualInQueue).toMatchObject({ ruleName: null, ruleDeleted: false });

    const open = await listOpenAssignments(db(), seedData, { limit: 10 });
    expect(open.items.find((item) => item.id === world.begun.id)).toMatchObject({ ruleName: name, ruleDeleted: true });

    const dashboard = await assignmentsDashboard(db(), seedData);
    expect(dashboard.perRule.find((row) => row.kind === "deleted" && row.name === name)).toMatchObject({ id: null, open: 1, done: 1, skipped: 2 });
    // Other tests in this file add manual work too.
    expect(dashboard.perRule.find((row) => row.kind === "manual")?.open).toBeGreaterThanOrEqual(1);
    expect(dashboard.perRule.at(-1)?.kind).toBe("manual");

    const onPage = await listInteractionAssignments(db(), world.lead, world.notStarted.interaction_id);
    expect(onPage).toMatchObject([{ ruleName: name, ruleDeleted: true, status: "skipped", skipReason: ruleDeletedReason(name) }]);
  });

  it("waits for a review being started at that moment and leaves that assignment open", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 1, reviewers: 1 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 1 } });
    const { runId } = await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
    const [assignment] = await assignmentsOfRun(runId);
    const version = await db().selectFrom("scorecard_versions").select("id").where("scorecard_id", "=", world.scorecard.id).executeTakeFirstOrThrow();

    // What opening an evaluation from the assignment does: lock its row, then write the draft.
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let writeDraft!: () => void;
    const mayWrite = new Promise<void>((resolve) => (writeDraft = resolve));
    const opening = db()
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom("assignments").select("id").where("id", "=", assignment!.id).forUpdate().execute();
        locked();
        await mayWrite;
        await trx
          .insertInto("evaluations")
          .values({
            interaction_id: assignment!.interaction_id,
            scorecard_id: world.scorecard.id,
            scorecard_version_id: version.id,
            reviewer_id: assignment!.reviewer_id,
            assignment_id: assignment!.id,
          })
          .execute();
      });
    await isLocked;
    const deleting = deleteSamplingRule(db(), world.lead, rule.id);
    // Let the draft be written only once the delete is waiting for the row.
    for (;;) {
      const { rows } = await sql<{ waiting: number }>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db());
      if (rows[0]!.waiting > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    writeDraft();
    await opening;
    expect(await deleting).toMatchObject({ cancelled: 0, inProgress: 1 });
    expect(await assignmentRow(assignment!.id)).toMatchObject({ status: "open", deleted_rule_name: rule.settings.name });
  });

  it("deletes a rule that never ran, touching no work", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0, reviewers: 1 });
    const rule = await world.createRule();
    expect(await countRuleWork(db(), seedData, rule.id)).toMatchObject({ notStarted: 0, inProgress: 0, done: 0, skipped: 0, runs: 0 });
    expect(await deleteSamplingRule(db(), world.lead, rule.id)).toEqual({ name: rule.settings.name, cancelled: 0, inProgress: 0 });
  });
});
