/**
 * The disputes queue and the overdue job on real PostgreSQL: who sees which dispute, the
 * filters, oldest due first with keyset pages, and "overdue" notified once per dispute.
 */
import { describe, expect, it } from "vitest";
import { disputeWorld, twoQuestions } from "../../../test/dispute-fixtures";
import { db } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { listDisputes, type DisputeQuery } from "./list-disputes.server";
import { notifyOverdueDisputes } from "./notify-overdue-disputes.server";
import { raiseDispute } from "./raise-dispute.server";
import { takeDispute } from "./take-dispute.server";

const query = (now: Date, extra: Partial<DisputeQuery> = {}): DisputeQuery => ({ status: "all", overdueOnly: false, limit: 50, now, ...extra });
const idsFor = async (viewer: Viewer, q: DisputeQuery) => (await listDisputes(db(), viewer, q)).items.map((item) => item.id);

describe("the disputes queue", () => {
  it("shows each person the disputes they may see, oldest due first, paged on (due, id), with filters", async () => {
    const w = await disputeWorld();
    const second = await disputeWorld();
    // Raised a day apart, so the first is due a working day earlier.
    const a = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId), new Date(w.releasedAt.getTime() + 60_000));
    const b = await raiseDispute(db(), second.agent, second.evaluationId, twoQuestions(second.revisionId), new Date(second.releasedAt.getTime() + 86_400_000));
    const now = new Date();
    const mine = [a.id, b.id];
    const within = (ids: string[]) => ids.filter((id) => mine.includes(id));

    expect(within(await idsFor(w.lead, query(now)))).toEqual([a.id, b.id]);
    expect(await idsFor(w.agent, query(now))).toEqual([a.id]);
    expect(await idsFor(w.otherAgent, query(now))).toEqual([]);
    expect(await idsFor(w.supervisor, query(now))).toEqual([a.id]);
    expect(await idsFor(w.outsideSupervisor, query(now))).toEqual([]);
    // The reviewer sees disputes of their own work; another QA specialist (not an arbiter) none.
    expect(await idsFor(w.qa, query(now))).toEqual([a.id]);
    expect(await idsFor(w.otherQa, query(now))).toEqual([]);

    // Keyset: one per page, in due order.
    const first = await listDisputes(db(), w.lead, query(now, { limit: 1, scorecardId: undefined, reviewerId: undefined, status: "active" }));
    const firstMine = within(first.items.map((i) => i.id));
    expect(first.next).not.toBeNull();
    const rest = await listDisputes(db(), w.lead, query(now, { limit: 50, status: "active", after: first.next! }));
    expect(within([...firstMine, ...rest.items.map((i) => i.id)])).toEqual([a.id, b.id]);

    // Filters: scorecard, reviewer, team, status, overdue.
    expect(await idsFor(w.lead, query(now, { scorecardId: second.scorecard.id }))).toEqual([b.id]);
    expect(await idsFor(w.lead, query(now, { reviewerId: w.qa.id }))).toEqual([a.id]);
    expect(await idsFor(w.lead, query(now, { teamId: second.team.id }))).toEqual([b.id]);
    expect(await idsFor(w.lead, query(now, { teamId: w.team.id, status: "decided" }))).toEqual([]);
    await takeDispute(db(), w.lead, a.id);
    expect(await idsFor(w.lead, query(now, { teamId: w.team.id, status: "in_review" }))).toEqual([a.id]);
    const later = new Date(now.getTime() + 30 * 86_400_000);
    expect(within(await idsFor(w.lead, query(later, { overdueOnly: true })))).toEqual([a.id, b.id]);
    expect(within(await idsFor(w.lead, query(now, { overdueOnly: true })))).toEqual([]);
    const [row] = (await listDisputes(db(), w.lead, query(later, { teamId: w.team.id }))).items;
    expect(row).toMatchObject({ state: "in_review", overdue: true, agentName: w.agent.name, reviewerName: w.qa.name, takenByName: w.lead.name, questionCount: 2 });
  });
});

describe("the overdue job", () => {
  it("notifies the taker, or else every arbiter, once per dispute: a second run writes nothing", async () => {
    const w = await disputeWorld();
    const second = await disputeWorld();
    const taken = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    const untaken = await raiseDispute(db(), second.agent, second.evaluationId, twoQuestions(second.revisionId));
    await takeDispute(db(), second.lead, taken.id);
    const overdueOf = (disputeId: string) =>
      db().selectFrom("notifications").select(["recipient_id", "dedupe_key"]).where("kind", "=", "dispute_overdue").where("link", "=", `/disputes/${disputeId}`).orderBy("recipient_id").execute();

    expect(await notifyOverdueDisputes(db(), new Date())).toBe(0);
    const later = new Date(Date.now() + 30 * 86_400_000);
    await notifyOverdueDisputes(db(), later);
    expect(await overdueOf(taken.id)).toEqual([{ recipient_id: second.lead.id, dedupe_key: `dispute_overdue:${taken.id}` }]);
    const toArbiters = (await overdueOf(untaken.id)).map((n) => n.recipient_id);
    expect(toArbiters).toEqual(expect.arrayContaining([w.lead.id, second.lead.id]));
    expect(toArbiters).not.toContain(second.qa.id);
    expect(toArbiters).not.toContain(second.agent.id);

    const count = await db().selectFrom("notifications").select((eb) => eb.fn.countAll<string>().as("n")).where("kind", "=", "dispute_overdue").executeTakeFirstOrThrow();
    expect(await notifyOverdueDisputes(db(), later)).toBe(0);
    expect(await db().selectFrom("notifications").select((eb) => eb.fn.countAll<string>().as("n")).where("kind", "=", "dispute_overdue").executeTakeFirstOrThrow()).toEqual(count);
  });
});
