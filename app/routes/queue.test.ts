/**
 * "My queue" as Remix calls it, with a real session and CSRF token on real PostgreSQL: a
 * reviewer sees only their own open work, due soonest first, with the counts above it;
 * skip and replace need a reason and only touch the reviewer's own assignments.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { runSamplingRule } from "../modules/sampling/run-sampling-rule.server";
import { insertInteractionRows, seedScorecard, seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { seedAssignment } from "../../test/review-factories";
import { RUN_AT, assignmentsOfRun, samplingWorld } from "../../test/sampling-fixtures";
import { encodeDueCursor } from "../modules/assignments/due";
import { action, loader } from "./queue";
import { seedData } from "../modules/access/actor";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const assignmentRow = (id: string) =>
  db().selectFrom("assignments").select(["status", "skip_reason", "reviewer_id", "interaction_id"]).where("id", "=", id).executeTakeFirstOrThrow();

const load = async (viewer: { id: string }, path = "/queue") => loader({ request: await getRequest(viewer, path), params: {}, context: {} });
const post = async (viewer: { id: string }, fields: Record<string, string>, options: { csrf?: string } = {}) =>
  action({ request: await postRequest(viewer, "/queue", fields, options), params: {}, context: {} });

/** A reviewer with manual assignments due at the given hours from now (negative: overdue). */
async function queueWith(dueHours: number[]) {
  const lead = await seedUser("qa_lead");
  const agent = await seedUser("agent");
  const qa = await seedUser("qa");
  const scorecard = await seedScorecard();
  const interactionIds = await insertInteractionRows(dueHours.map(() => ({ agentId: agent.id, startedAt: inHours(-30) })));
  const ids: string[] = [];
  for (const [i, interactionId] of interactionIds.entries()) {
    const { id } = await seedAssignment({ interactionId, scorecardId: scorecard.id, reviewerId: qa.id, actor: lead });
    await db().updateTable("assignments").set({ due_at: inHours(dueHours[i]!) }).where("id", "=", id).execute();
    ids.push(id);
  }
  return { lead, agent, qa, scorecard, ids, interactionIds };
}

/** A run of a rule that drew one conversation per agent for one reviewer. */
async function ranWorld(options: { agents?: number; perAgent?: number; reviewers?: number } = {}) {
  const world = await samplingWorld(options);
  const rule = await world.createRule({ quota: { kind: "per_agent", n: 1 } });
  const { runId } = await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
  return { ...world, rule, runId, assignments: await assignmentsOfRun(runId) };
}

describe("My queue", () => {
  it("shows only the viewer's open assignments, due soonest first, with the counts", async () => {
    const { qa, lead, agent, scorecard, ids } = await queueWith([30, -3, 10, 2, 50]);
    // Done this week: counted, not listed.
    await db().updateTable("assignments").set({ status: "done", closed_at: new Date() }).where("id", "=", ids[4]!).execute();
    // Somebody else's work is not in this queue.
    const other = await seedUser("qa");
    const [otherInteraction] = await insertInteractionRows([{ agentId: agent.id, startedAt: inHours(-5) }]);
    await seedAssignment({ interactionId: otherInteraction!, scorecardId: scorecard.id, reviewerId: other.id, actor: lead });

    const page = await load(qa);
    expect(page.items.map((item) => item.id)).toEqual([ids[1], ids[3], ids[2], ids[0]]);
    expect(page.counts).toEqual({ open: 4, overdue: 1, dueWithinDay: 2, doneLast7Days: 1 });
    expect(page.items[0]).toMatchObject({
      agentName: agent.name,
      scorecardName: scorecard.name,
      ruleName: null,
      replaceable: false,
      due: { overdue: true, relative: "3 hr ago" },
    });
    expect(page.items[1]!.due).toMatchObject({ overdue: false, relative: "in 2 hr" });
    expect(page.next).toBeNull();
    expect(page.isFirstPage).toBe(true);

    // Keyset paging: after the second item come the other two.
    const cursor = encodeDueCursor({ dueAt: (await db().selectFrom("assignments").select("due_at").where("id", "=", ids[3]!).executeTakeFirstOrThrow()).due_at, id: ids[3]! });
    const later = await load(qa, `/queue?after=${encodeURIComponent(cursor)}`);
    expect(later.items.map((item) => item.id)).toEqual([ids[2], ids[0]]);
    expect(later.isFirstPage).toBe(false);

    const empty = await load(await seedUser("qa"));
    expect(empty.items).toEqual([]);
    expect(empty.counts).toEqual({ open: 0, overdue: 0, dueWithinDay: 0, doneLast7Days: 0 });
  });

  it("answers 400 for a malformed page link", async () => {
    const qa = await seedUser("qa");
    for (const after of ["yesterday", "2026-11-20T12:00:00.000Z_not-a-uuid", "2026-13-45T12:00:00.000Z_00000000-0000-4000-8000-000000000000"]) {
      const bad = await thrown(() => load(qa, `/queue?after=${encodeURIComponent(after)}`));
      expect(bad).toMatchObject({ status: 400, message: expect.stringContaining("page link is malformed") as string });
    }
  });

  it("is for people who review: agents, supervisors and admins get 403", async () => {
    const { ids } = await queueWith([5]);
    for (const role of ["agent", "supervisor", "admin"] as const) {
      const viewer = await seedUser(role);
      expect((await thrown(() => load(viewer))).status).toBe(403);
      expect((await thrown(() => post(viewer, { intent: "skip", assignmentId: ids[0]!, reason: "no audio" }))).status).toBe(403);
    }
    expect((await assignmentRow(ids[0]!)).status).toBe("open");
  });
});

describe("skipping from the queue", () => {
  it("skips the reviewer's own assignment with its reason", async () => {
    const { qa, ids } = await queueWith([5, 6]);
    const result = await post(qa, { intent: "skip", assignmentId: ids[0]!, reason: "  No audio in the recording " });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("Skipped") as string });
    expect(await assignmentRow(ids[0]!)).toMatchObject({ status: "skipped", skip_reason: "No audio in the recording" });
    expect((await load(qa)).items.map((item) => item.id)).toEqual([ids[1]]);

    // A second skip of the same (a stale page) is a conflict.
    const again = returned(await post(qa, { intent: "skip", assignmentId: ids[0]!, reason: "again" }));
    expect(again).toMatchObject({ status: 409, message: expect.stringContaining("already skipped") as string });
  });

  it("refuses a blank reason with 422, keeps what was typed and changes nothing", async () => {
    const { qa, ids } = await queueWith([5]);
    for (const reason of ["", "   "]) {
      const refused = await post(qa, { intent: "skip", assignmentId: ids[0]!, reason });
      expect(returned(refused)).toMatchObject({ status: 422, fieldErrors: { reason: expect.stringContaining("Give a reason") as string } });
      expect((refused as { data: { values: Record<string, string> } }).data.values).toMatchObject({ intent: "skip", assignmentId: ids[0], reason });
    }
    const tooLong = returned(await post(qa, { intent: "replace", assignmentId: ids[0]!, reason: "x".repeat(501) }));
    expect(tooLong).toMatchObject({ status: 422, fieldErrors: { reason: expect.stringContaining("500 characters") as string } });
    expect(await assignmentRow(ids[0]!)).toMatchObject({ status: "open", skip_reason: null });
  });

  it("answers 404 when a QA specialist skips another reviewer's assignment", async () => {
    const { ids } = await queueWith([5]);
    const other = await seedUser("qa");
    const refused = returned(await post(other, { intent: "skip", assignmentId: ids[0]!, reason: "not mine" }));
    expect(refused.status).toBe(404);
    expect((await assignmentRow(ids[0]!)).status).toBe("open");
  });

  it("refuses a stale CSRF token with 403", async () => {
    const { qa, ids } = await queueWith([5]);
    const stale = returned(await post(qa, { intent: "skip", assignmentId: ids[0]!, reason: "no audio" }, { csrf: "not-the-token" }));
    expect(stale.status).toBe(403);
    expect((await assignmentRow(ids[0]!)).status).toBe("open");
  });
});

describe("replacing from the queue", () => {
  it("gives the same reviewer the agent's next conversation of the same run, until there is none", async () => {
    const world = await ranWorld({ agents: 1, perAgent: 3, reviewers: 1 });
    const reviewer = world.reviewers[0]!;
    const agent = world.agents[0]!;
    const [first] = world.assignments;
    const page = await load(reviewer);
    expect(page.items.map((item) => item.id)).toEqual([first!.id]);
    expect(page.items[0]).toMatchObject({ replaceable: true, ruleName: world.rule.settings.name });

    const replaced = await post(reviewer, { intent: "replace", assignmentId: first!.id, reason: "Wrong language", agentName: agent.name });
    expect(replaced).toEqual({ ok: true, message: `Skipped. Replaced with another conversation of ${agent.name}, due at the same time.` });
    expect(await assignmentRow(first!.id)).toMatchObject({ status: "skipped", skip_reason: "Wrong language" });
    const after = await load(reviewer);
    expect(after.items).toHaveLength(1);
    const replacement = after.items[0]!;
    expect(replacement.id).not.toBe(first!.id);
    expect(replacement.interactionId).not.toBe(first!.interaction_id);
    expect(world.interactionsByAgent.get(agent.id)).toContain(replacement.interactionId);
    expect(await assignmentRow(replacement.id)).toMatchObject({ status: "open", reviewer_id: reviewer.id });

    // Three conversations in the run: one more replacement, then none left.
    const second = await post(reviewer, { intent: "replace", assignmentId: replacement.id, reason: "Wrong language", agentName: agent.name });
    expect(second).toMatchObject({ ok: true, message: expect.stringContaining("Replaced") as string });
    const last = (await load(reviewer)).items[0]!;
    const none = await post(reviewer, { intent: "replace", assignmentId: last.id, reason: "Wrong language", agentName: agent.name });
    expect(none).toEqual({ ok: true, message: `Skipped. No other conversation of ${agent.name} matches the run, so nothing replaces it.` });
    expect((await load(reviewer)).items).toEqual([]);
  });

  it("answers 404 when a QA specialist replaces another reviewer's assignment", async () => {
    const world = await ranWorld({ agents: 1, perAgent: 3, reviewers: 1 });
    const [first] = world.assignments;
    const other = await seedUser("qa");
    const refused = returned(await post(other, { intent: "replace", assignmentId: first!.id, reason: "not mine" }));
    expect(refused.status).toBe(404);
    expect((await assignmentRow(first!.id)).status).toBe("open");
    expect(await assignmentsOfRun(world.runId)).toHaveLength(1);
  });

  it("refuses to replace a manual assignment (422) and leaves it open", async () => {
    const { qa, ids } = await queueWith([5]);
    const refused = returned(await post(qa, { intent: "replace", assignmentId: ids[0]!, reason: "no audio" }));
    expect(refused).toMatchObject({ status: 422, message: expect.stringContaining("Skip it instead") as string });
    expect((await assignmentRow(ids[0]!)).status).toBe("open");
  });
});
