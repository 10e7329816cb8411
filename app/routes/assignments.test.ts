/**
 * The lead's side of review work, called as Remix calls it on real PostgreSQL: the
 * assignments dashboard (per reviewer, every active rule, done work over a chosen period,
 * open work with filters), reassigning, skipping with a reason, and assigning a conversation
 * by hand from the interaction page.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { assignInteraction } from "../modules/assignments/assign-interaction.server";
import { doneSince } from "../modules/assignments/done-period";
import { skipAssignment } from "../modules/assignments/skip-assignment.server";
import { runSamplingRule } from "../modules/sampling/run-sampling-rule.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { toLocalInput } from "../lib/time";
import { insertInteractionRows, seedScorecard, seedUser, withOrganisationTimeZone } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { RUN_AT, assignmentsOfRun, samplingWorld } from "../../test/sampling-fixtures";
import { action, loader } from "./assignments";
import { action as interactionAction, loader as interactionLoader } from "./interactions.$interactionId";
import { seedData } from "../modules/access/actor";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const reviewerOf = async (id: string) =>
  (await db().selectFrom("assignments").select("reviewer_id").where("id", "=", id).executeTakeFirstOrThrow()).reviewer_id;

const load = async (viewer: { id: string }, path = "/assignments") => loader({ request: await getRequest(viewer, path), params: {}, context: {} });
const post = async (viewer: { id: string }, fields: Record<string, string>, options: { csrf?: string } = {}) =>
  action({ request: await postRequest(viewer, "/assignments", fields, options), params: {}, context: {} });

async function ranWorld() {
  const world = await samplingWorld({ agents: 2, perAgent: 3, reviewers: 2 });
  const rule = await world.createRule({ quota: { kind: "per_agent", n: 2 } });
  const { runId } = await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
  return { ...world, rule, runId, assignments: await assignmentsOfRun(runId) };
}

describe("the assignments dashboard", () => {
  it("counts open, overdue, done and skipped work per reviewer and per rule, manual work under Manual", async () => {
    const world = await ranWorld();
    expect(world.assignments).toHaveLength(4);
    const [a, b] = world.reviewers;
    const ofA = world.assignments.filter((row) => row.reviewer_id === a!.id);
    const ofB = world.assignments.filter((row) => row.reviewer_id === b!.id);
    expect(ofA.length + ofB.length).toBe(4);
    // One of A's is skipped, one of B's is done, one of B's is overdue.
    await skipAssignment(db(), a!, ofA[0]!.id, "no audio");
    await db().updateTable("assignments").set({ status: "done", closed_at: new Date() }).where("id", "=", ofB[0]!.id).execute();
    await db().updateTable("assignments").set({ due_at: inHours(-2) }).where("id", "=", ofB[1]!.id).execute();
    // And one by hand for A.
    const [extra] = await insertInteractionRows([{ agentId: world.agents[0]!.id, startedAt: inHours(-10) }]);
    await assignInteraction(db(), world.lead, { interactionId: extra!, scorecardId: world.scorecard.id, reviewerId: a!.id, dueAt: inHours(12) });

    const page = await load(world.lead);
    const row = (name: string, rows: typeof page.perReviewer) => rows.find((r) => r.name === name);
    expect(row(a!.name, page.perReviewer)).toMatchObject({ open: ofA.length, overdue: 0, done: 0, skipped: 1, href: `?reviewer=${a!.id}` });
    expect(row(b!.name, page.perReviewer)).toMatchObject({ open: ofB.length - 1, overdue: 1, done: 1, skipped: 0 });
    expect(row(world.rule.settings.name, page.perRule)).toMatchObject({ open: 2, overdue: 1, done: 1, skipped: 1, href: `?rule=${world.rule.id}` });
    expect(row("Manual", page.perRule)).toMatchObject({ href: null });
    expect(row("Manual", page.perRule)!.open).toBeGreaterThanOrEqual(1);
    expect(page.options.rules).toContainEqual({ id: world.rule.id, name: world.rule.settings.name });
    expect(page.reviewers).toEqual(expect.arrayContaining([{ id: a!.id, name: a!.name }, { id: b!.id, name: b!.name }]));
  });

  it("lists open work due first, filtered by reviewer, rule or overdue, and pages by keyset", async () => {
    const world = await ranWorld();
    const [a] = world.reviewers;
    const overdue = world.assignments[0]!;
    await db().updateTable("assignments").set({ due_at: inHours(-1) }).where("id", "=", overdue.id).execute();

    const byRule = await load(world.lead, `/assignments?rule=${world.rule.id}`);
    expect(byRule.items).toHaveLength(4);
    expect(byRule.items[0]).toMatchObject({ id: overdue.id, due: { overdue: true }, ruleName: world.rule.settings.name });
    expect(byRule.filters).toEqual({ reviewer: "", rule: world.rule.id, overdue: false });
    expect(byRule.filtered).toBe(true);

    const byReviewer = await load(world.lead, `/assignments?reviewer=${a!.id}&rule=${world.rule.id}`);
    expect(byReviewer.items.map((item) => item.reviewerId)).toEqual(world.assignments.filter((r) => r.reviewer_id === a!.id).map(() => a!.id));

    const overdueOnly = await load(world.lead, `/assignments?rule=${world.rule.id}&overdue=1`);
    expect(overdueOnly.items.map((item) => item.id)).toEqual([overdue.id]);

    // Blank fields from the GET form mean "no filter".
    const blank = await load(world.lead, `/assignments?reviewer=&rule=${world.rule.id}&overdue=`);
    expect(blank.items).toHaveLength(4);

    // Keyset: after the first item of the rule's list come the other three.
    const first = byRule.items[0]!;
    const dueAt = (await db().selectFrom("assignments").select("due_at").where("id", "=", first.id).executeTakeFirstOrThrow()).due_at;
    const next = await load(world.lead, `/assignments?rule=${world.rule.id}&after=${encodeURIComponent(`${dueAt.toISOString()}_${first.id}`)}`);
    expect(next.items.map((item) => item.id)).toEqual(byRule.items.slice(1).map((item) => item.id));
    expect(next.isFirstPage).toBe(false);
  });

  it("answers 400 naming bad filters", async () => {
    const lead = await seedUser("qa_lead");
    const bad = await thrown(() => load(lead, "/assignments?reviewer=somebody&overdue=yes&after=later"));
    expect(bad.status).toBe(400);
    expect(bad.message).toContain("Reviewer: choose a reviewer from the list");
    expect(bad.message).toContain("Overdue only");
    expect(bad.message).toContain("page link is malformed");
  });

  it("is for QA leads and admins: QA specialists, supervisors and agents get 403", async () => {
    const world = await ranWorld();
    const admin = await seedUser("admin");
    expect((await load(admin)).perReviewer.length).toBeGreaterThan(0);
    for (const role of ["qa", "supervisor", "agent"] as const) {
      const viewer = await seedUser(role);
      expect((await thrown(() => load(viewer))).status).toBe(403);
      const target = world.reviewers.find((r) => r.id !== world.assignments[0]!.reviewer_id)!;
      const refused = await thrown(() => post(viewer, { intent: "reassign", assignmentId: world.assignments[0]!.id, reviewerId: target.id }));
      expect(refused.status).toBe(403);
    }
    expect(await reviewerOf(world.assignments[0]!.id)).toBe(world.assignments[0]!.reviewer_id);
  });
});

describe("reassigning", () => {
  it("moves open work to another reviewer and says to whom", async () => {
    const world = await ranWorld();
    const assignment = world.assignments[0]!;
    const target = world.reviewers.find((r) => r.id !== assignment.reviewer_id)!;
    const result = await post(world.lead, { intent: "reassign", assignmentId: assignment.id, reviewerId: target.id });
    expect(result).toEqual({ ok: true, message: `Reassigned to ${target.name}. It is in their queue now.` });
    expect(await reviewerOf(assignment.id)).toBe(target.id);

    const same = returned(await post(world.lead, { intent: "reassign", assignmentId: assignment.id, reviewerId: target.id }));
    expect(same).toMatchObject({ status: 422, fieldErrors: { reviewerId: "Choose another reviewer" } });
    const blank = returned(await post(world.lead, { intent: "reassign", assignmentId: assignment.id, reviewerId: "" }));
    expect(blank).toMatchObject({ status: 422, fieldErrors: { reviewerId: "Choose a reviewer" } });
  });

  it("refuses the conversation's own agent with the use case's message", async () => {
    const lead = await seedUser("qa_lead");
    // A QA specialist who also takes calls: a reviewer by role, but not for their own call.
    const [agentQa, qa] = [await seedUser("qa"), await seedUser("qa")];
    const [interactionId] = await insertInteractionRows([{ agentId: agentQa.id, startedAt: inHours(-3) }]);
    const { id } = await assignInteraction(db(), lead, { interactionId: interactionId!, scorecardId: (await seedScorecard()).id, reviewerId: qa.id, dueAt: inHours(6) });
    const refused = returned(await post(lead, { intent: "reassign", assignmentId: id, reviewerId: agentQa.id }));
    expect(refused).toMatchObject({ status: 422, message: "Reviewers never review their own conversations.", fieldErrors: { reviewerId: "Choose somebody else" } });
    expect(await reviewerOf(id)).toBe(qa.id);
  });

  it("refuses a stale CSRF token with 403", async () => {
    const world = await ranWorld();
    const assignment = world.assignments[0]!;
    const target = world.reviewers.find((r) => r.id !== assignment.reviewer_id)!;
    const stale = returned(await post(world.lead, { intent: "reassign", assignmentId: assignment.id, reviewerId: target.id }, { csrf: "stale" }));
    expect(stale.status).toBe(403);
    expect(await reviewerOf(assignment.id)).toBe(assignment.reviewer_id);
  });
});

describe("every active rule and the period of done work", () => {
  it("lists every active rule, zero counts included, and paused rules only while they have work", async () => {
    const world = await ranWorld();
    const idle = await world.createRule();
    const pausedIdle = await world.createRule();
    await db().updateTable("sampling_rules").set({ active: false }).where("id", "in", [pausedIdle.id, world.rule.id]).execute();

    const page = await load(world.lead);
    const row = (name: string) => page.perRule.find((r) => r.name === name);
    expect(row(idle.settings.name)).toEqual({ key: idle.id, name: idle.settings.name, href: `?rule=${idle.id}`, note: null, open: 0, overdue: 0, done: 0, skipped: 0 });
    expect(row(world.rule.settings.name)).toMatchObject({ open: 4, note: "Paused" });
    expect(row(pausedIdle.settings.name)).toBeUndefined();
    expect(page.options.rules).toContainEqual({ id: idle.id, name: idle.settings.name });
  });

  it("counts done and skipped work over the last 7 days, the last 30 days or this month, from local midnight", async () => {
    const world = await ranWorld();
    const [inside, outside] = world.assignments;
    const { timeZone } = await getOrganisation(db());
    const closeAt = (id: string, at: Date) => db().updateTable("assignments").set({ status: "done", closed_at: at }).where("id", "=", id).execute();
    const doneOf = async (search: string) => (await load(world.lead, `/assignments${search}`)).perRule.find((r) => r.name === world.rule.settings.name)?.done;

    // One finished a minute after the period's first midnight, one a minute before it.
    for (const period of ["7d", "30d", "month"] as const) {
      const start = doneSince(period, new Date(), timeZone);
      await closeAt(inside!.id, new Date(Math.min(start.getTime() + 60_000, Date.now())));
      await closeAt(outside!.id, new Date(start.getTime() - 60_000));
      expect(await doneOf(period === "7d" ? "" : `?period=${period}`), period).toBe(1);
    }
    const month = await load(world.lead, "/assignments?period=month");
    expect(month.period).toMatchObject({ value: "month", isDefault: false, label: "This month", short: "this month" });
    expect((await load(world.lead)).period).toMatchObject({ value: "7d", isDefault: true, short: "7 d" });

    const bad = await thrown(() => load(world.lead, "/assignments?period=year"));
    expect(bad).toMatchObject({ status: 400, message: expect.stringContaining("Period: choose last 7 days, last 30 days or this month") as string });
  });
});

describe("skipping as a lead", () => {
  it("skips anybody's open work with a reason, which the list then leaves out", async () => {
    const world = await ranWorld();
    const assignment = world.assignments[0]!;
    const result = await post(world.lead, { intent: "skip", assignmentId: assignment.id, reason: " wrong language ", agentName: "Ada" });
    expect(result).toEqual({ ok: true, message: "Skipped. The conversation of Ada has left the reviewer’s queue; the reason is kept with it." });
    const row = await db().selectFrom("assignments").select(["status", "skip_reason", "closed_by"]).where("id", "=", assignment.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "skipped", skip_reason: "wrong language", closed_by: world.lead.id });
    expect((await load(world.lead, `/assignments?rule=${world.rule.id}`)).items.map((item) => item.id)).not.toContain(assignment.id);

    const again = returned(await post(world.lead, { intent: "skip", assignmentId: assignment.id, reason: "again" }));
    expect(again).toMatchObject({ status: 409, message: "This assignment was already skipped." });
  });

  it("needs a reason, a fresh token and a lead", async () => {
    const world = await ranWorld();
    const assignment = world.assignments[0]!;
    const blank = returned(await post(world.lead, { intent: "skip", assignmentId: assignment.id, reason: "  " }));
    expect(blank).toMatchObject({ status: 422, fieldErrors: { reason: "Give a reason, for example “no audio”" } });
    expect(returned(await post(world.lead, { intent: "skip", assignmentId: assignment.id, reason: "x" }, { csrf: "stale" })).status).toBe(403);
    const reviewer = world.reviewers.find((r) => r.id === assignment.reviewer_id)!;
    expect((await thrown(() => post(reviewer, { intent: "skip", assignmentId: assignment.id, reason: "x" }))).status).toBe(403);
    const row = await db().selectFrom("assignments").select("status").where("id", "=", assignment.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("open");
  });
});

describe("assigning by hand from the interaction page", () => {
  async function conversation() {
    const lead = await seedUser("qa_lead");
    const [agent, qa] = [await seedUser("agent"), await seedUser("qa")];
    const scorecard = await seedScorecard();
    const [interactionId] = await insertInteractionRows([{ agentId: agent.id, startedAt: inHours(-4), channel: "call" }]);
    const { timeZone } = await getOrganisation(db());
    return { lead, agent, qa, scorecard, interactionId: interactionId!, due: (hours: number) => toLocalInput(inHours(hours), timeZone) };
  }
  const assign = async (viewer: { id: string }, interactionId: string, fields: Record<string, string>, options: { csrf?: string } = {}) =>
    interactionAction({
      request: await postRequest(viewer, `/interactions/${interactionId}`, { intent: "assign", ...fields }, options),
      params: { interactionId },
      context: {},
    });
  const page = async (viewer: { id: string }, interactionId: string) =>
    interactionLoader({ request: await getRequest(viewer, `/interactions/${interactionId}`), params: { interactionId }, context: {} });
  const assignmentsOf = (interactionId: string) =>
    db().selectFrom("assignments").select(["reviewer_id", "scorecard_id", "status", "due_at", "created_by"]).where("interaction_id", "=", interactionId).execute();

  it("offers the panel to leads only, creates the assignment and lists it", async () => {
    const { lead, qa, scorecard, interactionId, due } = await conversation();
    const before = await page(lead, interactionId);
    expect(before.assign?.scorecards).toContainEqual({ id: scorecard.id, name: scorecard.name });
    expect(before.assign?.reviewers).toContainEqual({ id: qa.id, name: qa.name });
    expect(before.assign?.assignments).toEqual([]);
    expect(before.assign?.defaultDueAt).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    expect((await page(qa, interactionId)).assign).toBeNull();

    const dueAt = due(24);
    const result = await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: qa.id, dueAt });
    expect(result).toMatchObject({ ok: true, intent: "assign", scorecardId: scorecard.id, reviewerId: qa.id });
    const rows = await assignmentsOf(interactionId);
    expect(rows).toEqual([expect.objectContaining({ reviewer_id: qa.id, scorecard_id: scorecard.id, status: "open", created_by: lead.id })]);
    // The typed wall-clock time, read in the organisation's zone, to the minute.
    expect(Math.abs(rows[0]!.due_at.getTime() - inHours(24).getTime())).toBeLessThan(61_000);

    const after = await page(lead, interactionId);
    expect(after.assign?.assignments).toEqual([
      expect.objectContaining({ scorecardName: scorecard.name, reviewerName: qa.name, status: "open", ruleName: null }),
    ]);
  });

  it("answers 409 naming who already has it for that scorecard", async () => {
    const { lead, qa, scorecard, interactionId, due } = await conversation();
    await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: qa.id, dueAt: due(24) });
    const other = await seedUser("qa");
    const again = returned(await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: other.id, dueAt: due(24) }));
    expect(again).toMatchObject({ status: 409, message: `This interaction is already assigned to ${qa.name} for that scorecard.` });
    expect(await assignmentsOf(interactionId)).toHaveLength(1);
  });

  it("answers 422 for a past or unreadable due date, a missing choice, or the agent as reviewer, keeping the typed values", async () => {
    const { lead, qa, scorecard, interactionId, due } = await conversation();
    const past = await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: qa.id, dueAt: due(-2) });
    expect(returned(past)).toMatchObject({ status: 422, fieldErrors: { dueAt: "Choose a time in the future" } });
    expect((past as { data: { values: Record<string, string> } }).data.values).toMatchObject({ scorecardId: scorecard.id, reviewerId: qa.id, dueAt: due(-2) });

    const unreadable = returned(await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: qa.id, dueAt: "2026-02-30T09:00" }));
    expect(unreadable).toMatchObject({ status: 422, fieldErrors: { dueAt: expect.stringContaining("Enter a date and time") as string } });

    const missing = returned(await assign(lead, interactionId, { scorecardId: "", reviewerId: "", dueAt: due(5) }));
    expect(missing).toMatchObject({ status: 422, fieldErrors: { scorecardId: "Choose a scorecard", reviewerId: "Choose a reviewer" } });

    const draft = await seedScorecard({ published: false });
    const unpublished = returned(await assign(lead, interactionId, { scorecardId: draft.id, reviewerId: qa.id, dueAt: due(5) }));
    expect(unpublished).toMatchObject({ status: 422, fieldErrors: { scorecardId: "Choose a published scorecard" } });

    const qaAgent = await seedUser("qa");
    const [own] = await insertInteractionRows([{ agentId: qaAgent.id, startedAt: inHours(-4) }]);
    const self = returned(await assign(lead, own!, { scorecardId: scorecard.id, reviewerId: qaAgent.id, dueAt: due(5) }));
    expect(self).toMatchObject({ status: 422, message: "Reviewers never review their own conversations." });
    expect(await assignmentsOf(interactionId)).toEqual([]);
    expect(await assignmentsOf(own!)).toEqual([]);
  });

  it("refuses a due time the clocks skip, naming the jump, and takes the first of a repeated one (decision 0017)", async () => {
    const { lead, qa, scorecard, interactionId } = await conversation();
    await withOrganisationTimeZone("America/New_York", async () => {
      // New York skips 02:00–03:00 on 14 March 2027 and shows 01:00–02:00 twice on 7 November 2027.
      const skipped = returned(await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: qa.id, dueAt: "2027-03-14T02:30" }));
      expect(skipped).toMatchObject({
        status: 422,
        fieldErrors: {
          dueAt: "02:30 on 2027-03-14 does not exist in America/New_York: the clocks went forward from 02:00 to 03:00. Enter a time before 02:00 or from 03:00.",
        },
      });
      expect(await assignmentsOf(interactionId)).toEqual([]);

      const repeated = await assign(lead, interactionId, { scorecardId: scorecard.id, reviewerId: qa.id, dueAt: "2027-11-07T01:30" });
      expect(repeated).toMatchObject({ ok: true, dueAt: "2027-11-07T05:30:00.000Z" });
      expect((await assignmentsOf(interactionId)).map((row) => row.due_at.toISOString())).toEqual(["2027-11-07T05:30:00.000Z"]);
    });
  });

  it("answers 403 to a QA specialist and to a stale CSRF token, and 404 for an unknown interaction", async () => {
    const { lead, qa, scorecard, interactionId, due } = await conversation();
    const fields = { scorecardId: scorecard.id, reviewerId: qa.id, dueAt: due(24) };
    // assignInteraction refuses them itself, as a refusal of the form.
    expect(returned(await assign(qa, interactionId, fields))).toMatchObject({ status: 403, message: "Only QA leads and admins assign conversations for review." });
    expect(returned(await assign(lead, interactionId, fields, { csrf: "not-the-token" })).status).toBe(403);
    expect(await assignmentsOf(interactionId)).toEqual([]);

    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(returned(await assign(lead, unknown, fields)).status).toBe(404);
  });
});
