import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { RUN_AT, assignmentsOfRun, samplingWorld } from "../../../test/sampling-fixtures";
import { insertInteractionRows, seedScorecard, seedUser } from "../../../test/factories";
import { runSamplingRule } from "../sampling/run-sampling-rule.server";
import { assignInteraction } from "./assign-interaction.server";
import { assignmentsDashboard } from "./assignments-dashboard.server";
import { listMyQueue } from "./list-my-queue.server";
import { reassignAssignment } from "./reassign-assignment.server";
import { replaceAssignment } from "../sampling/replace-assignment.server";
import { skipAssignment } from "./skip-assignment.server";
import { seedData } from "../access/actor";


const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const statusOf = async (id: string) =>
  (await db().selectFrom("assignments").select(["status", "skip_reason", "reviewer_id"]).where("id", "=", id).executeTakeFirstOrThrow());

async function ranWorld(options: Parameters<typeof samplingWorld>[0] = {}) {
  const world = await samplingWorld(options);
  const rule = await world.createRule({ quota: { kind: "per_agent", n: 1 } });
  const outcome = await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
  return { ...world, rule, runId: outcome.runId, assignments: await assignmentsOfRun(outcome.runId) };
}

describe("assignInteraction (manual)", () => {
  it("assigns an interaction and refuses a second live assignment for the same scorecard, naming the reviewer", async () => {
    const lead = await seedUser("qa_lead");
    const [agent, qa] = [await seedUser("agent"), await seedUser("qa")];
    const scorecard = await seedScorecard();
    const [interactionId] = await insertInteractionRows([{ agentId: agent.id, startedAt: new Date() }]);
    const input = { interactionId: interactionId!, scorecardId: scorecard.id, reviewerId: qa.id, dueAt: inHours(24) };
    const { id } = await assignInteraction(db(), lead, input);
    expect(await statusOf(id)).toMatchObject({ status: "open", reviewer_id: qa.id });

    const again = await refusal(assignInteraction(db(), lead, { ...input, reviewerId: (await seedUser("qa")).id }));
    expect(again.status).toBe(409);
    expect(again.message).toContain(qa.name);
    // Another scorecard is another review: allowed.
    await assignInteraction(db(), lead, { ...input, scorecardId: (await seedScorecard()).id });
  });

  it("refuses self-review, non-reviewers, a past due date and an unpublished scorecard, writing nothing", async () => {
    const lead = await seedUser("qa_lead");
    const qa = await seedUser("qa");
    const [ownId] = await insertInteractionRows([{ agentId: qa.id, startedAt: new Date() }]);
    const scorecard = await seedScorecard();
    const base = { interactionId: ownId!, scorecardId: scorecard.id, reviewerId: qa.id, dueAt: inHours(24) };
    expect((await refusal(assignInteraction(db(), lead, base))).fieldErrors).toHaveProperty("reviewerId");

    const agent = await seedUser("agent");
    const [otherId] = await insertInteractionRows([{ agentId: agent.id, startedAt: new Date() }]);
    const supervisor = await seedUser("supervisor");
    expect((await refusal(assignInteraction(db(), lead, { ...base, interactionId: otherId!, reviewerId: supervisor.id }))).status).toBe(422);
    expect((await refusal(assignInteraction(db(), lead, { ...base, interactionId: otherId!, dueAt: inHours(-1) }))).fieldErrors).toHaveProperty("dueAt");
    const draft = await seedScorecard({ published: false });
    expect((await refusal(assignInteraction(db(), lead, { ...base, interactionId: otherId!, scorecardId: draft.id }))).fieldErrors).toHaveProperty(
      "scorecardId",
    );
    expect((await refusal(assignInteraction(db(), lead, { ...base, interactionId: "00000000-0000-4000-8000-000000000000" }))).status).toBe(404);
    const rows = await db().selectFrom("assignments").select("id").where("interaction_id", "in", [ownId!, otherId!]).execute();
    expect(rows).toEqual([]);
  });
});

describe("skip, replace and reassign", () => {
  it("lets the reviewer skip their own assignment with a reason; another reviewer gets 404", async () => {
    const world = await ranWorld({ agents: 1, perAgent: 3, reviewers: 2 });
    const [assignment] = world.assignments;
    const owner = world.reviewers.find((r) => r.id === assignment!.reviewer_id)!;
    const other = world.reviewers.find((r) => r.id !== assignment!.reviewer_id)!;
    expect((await refusal(skipAssignment(db(), other, assignment!.id, "not mine"))).status).toBe(404);
    await skipAssignment(db(), owner, assignment!.id, "No audio in the recording");
    expect(await statusOf(assignment!.id)).toMatchObject({ status: "skipped", skip_reason: "No audio in the recording" });
    expect((await refusal(skipAssignment(db(), owner, assignment!.id, "again"))).status).toBe(409);
  });

  it("replaces a skipped assignment with the agent's next-ranked interaction of the run, for the same reviewer", async () => {
    const world = await ranWorld({ agents: 1, perAgent: 3, reviewers: 1 });
    const [first] = world.assignments;
    const reviewer = world.reviewers[0]!;
    const outcome = await replaceAssignment(db(), reviewer, first!.id, "Wrong language");
    expect(outcome.replacedBy).not.toBeNull();
    const replacement = await db().selectFrom("assignments").selectAll().where("id", "=", outcome.replacedBy!).executeTakeFirstOrThrow();
    expect(replacement).toMatchObject({ reviewer_id: reviewer.id, run_id: world.runId, status: "open" });
    expect(replacement.interaction_id).not.toBe(first!.interaction_id);
    expect(world.interactionsByAgent.get(world.agents[0]!.id)).toContain(replacement.interaction_id);

    // The ranking decides: the replacement is the best-ranked remaining candidate, so
    // replacing again walks down the same order and finally reports none left.
    const second = await replaceAssignment(db(), reviewer, replacement.id, "Wrong language");
    expect(second.replacedBy).not.toBeNull();
    const third = await replaceAssignment(db(), reviewer, second.replacedBy!, "Wrong language");
    expect(third).toEqual({ replacedBy: null });
    const ranks = await db()
      .selectFrom("assignments")
      .select(["rank_key"])
      .where("run_id", "=", world.runId)
      .orderBy("created_at")
      .execute();
    const keys = ranks.map((r) => r.rank_key!);
    expect(keys).toEqual([...keys].sort());
  });

  it("refuses to replace a manual assignment", async () => {
    const lead = await seedUser("qa_lead");
    const [agent, qa] = [await seedUser("agent"), await seedUser("qa")];
    const [interactionId] = await insertInteractionRows([{ agentId: agent.id, startedAt: new Date() }]);
    const { id } = await assignInteraction(db(), lead, { interactionId: interactionId!, scorecardId: (await seedScorecard()).id, reviewerId: qa.id, dueAt: inHours(5) });
    expect((await refusal(replaceAssignment(db(), qa, id, "no audio"))).status).toBe(422);
    // Another QA specialist learns nothing about it, not even that it was manual.
    expect((await refusal(replaceAssignment(db(), await seedUser("qa"), id, "no audio"))).status).toBe(404);
    expect((await statusOf(id)).status).toBe("open");
  });

  it("lets a lead reassign open work, never to the conversation's agent, and refuses QA specialists", async () => {
    const world = await ranWorld({ agents: 1, perAgent: 2, reviewers: 2 });
    const [assignment] = world.assignments;
    const lead = world.lead;
    const target = world.reviewers.find((r) => r.id !== assignment!.reviewer_id)!;
    // Another reviewer's queue item is not theirs to see (404); the assignee sees it but may not move it (403).
    expect((await refusal(reassignAssignment(db(), target, assignment!.id, target.id))).status).toBe(404);
    const assignee = world.reviewers.find((r) => r.id === assignment!.reviewer_id)!;
    expect((await refusal(reassignAssignment(db(), assignee, assignment!.id, target.id))).status).toBe(403);
    await reassignAssignment(db(), lead, assignment!.id, target.id);
    expect((await statusOf(assignment!.id)).reviewer_id).toBe(target.id);
    expect((await refusal(reassignAssignment(db(), lead, assignment!.id, world.agents[0]!.id))).fieldErrors).toHaveProperty("reviewerId");
  });
});

describe("listMyQueue and assignmentsDashboard", () => {
  it("lists a reviewer's open work due first, pages by keyset and counts open, overdue and done", async () => {
    const lead = await seedUser("qa_lead");
    const [agent, qa] = [await seedUser("agent"), await seedUser("qa")];
    const scorecard = await seedScorecard();
    const ids = await insertInteractionRows(Array.from({ length: 5 }, () => ({ agentId: agent.id, startedAt: new Date() })));
    const dues = [30, 2, 10, 50, 20];
    const assignmentIds: string[] = [];
    for (const [i, interactionId] of ids.entries()) {
      assignmentIds.push((await assignInteraction(db(), lead, { interactionId, scorecardId: scorecard.id, reviewerId: qa.id, dueAt: inHours(dues[i]!) })).id);
    }
    await db().updateTable("assignments").set({ due_at: inHours(-3) }).where("id", "=", assignmentIds[3]!).execute();
    await db().updateTable("assignments").set({ status: "done", closed_at: new Date() }).where("id", "=", assignmentIds[4]!).execute();

    const first = await listMyQueue(db(), qa, { limit: 2 });
    expect(first.counts).toEqual({ open: 4, overdue: 1, dueWithinDay: 2, doneLast7Days: 1 });
    expect(first.items.map((i) => i.id)).toEqual([assignmentIds[3], assignmentIds[1]]);
    expect(first.items[0]!.overdue).toBe(true);
    const second = await listMyQueue(db(), qa, { limit: 2, after: first.next! });
    expect(second.items.map((i) => i.id)).toEqual([assignmentIds[2], assignmentIds[0]]);
    expect(second.next).toBeNull();

    const otherQa = await seedUser("qa");
    expect((await listMyQueue(db(), otherQa, { limit: 10 })).items).toEqual([]);

    const dashboard = await assignmentsDashboard(db(), seedData);
    expect(dashboard.perReviewer.find((r) => r.id === qa.id)).toMatchObject({ open: 4, overdue: 1, done: 1, skipped: 0 });
    expect(dashboard.perReviewer.find((r) => r.id === otherQa.id)).toMatchObject({ open: 0, overdue: 0, done: 0 });
    expect(dashboard.perRule.find((r) => r.id === null)!.open).toBeGreaterThanOrEqual(4);
  });
});
