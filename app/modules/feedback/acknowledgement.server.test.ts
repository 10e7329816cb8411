/**
 * Acknowledgement on real PostgreSQL (issue 13 §3, docs/architecture.md "The agent's feedback and acknowledgement"): the agent
 * acknowledges the revision they saw with an optional comment, audited; a correction that keeps
 * pass/fail leaves it standing ("updated"), one that flips it asks again; supervisors see who
 * has not acknowledged and what is overdue, counted in the organisation's time zone; every
 * refusal writes nothing.
 */
import { describe, expect, it } from "vitest";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { insertInteractionRows } from "../../../test/factories";
import { refusal } from "../../../test/refusal";
import { seedCorrection, seedEvaluation, seedVoid } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { updateScorecardSettings } from "../scorecards/create-scorecard.server";
import { acknowledgeEvaluation } from "./acknowledge-evaluation.server";
import { acknowledgementDueAt } from "./acknowledgement-rule";
import { getAcknowledgement } from "./get-acknowledgement.server";
import { countMyWaitingFeedback, listMyFeedback } from "./list-my-feedback.server";
import { listUnacknowledged } from "./list-unacknowledged.server";

// Full marks: 100, a pass. Outcome "resolved" → discovery 4: resolution (3/4 + 1) / 2 = 87.5; overall (100 + 3 × 87.5) / 4 = 90.6, still a pass.
const stillPassing = { ...fullMarks, discovery: { value: 4 } };
// Outcome "next": resolution (3/4 + 1/2) / 2 = 62.5; overall 71.9, a fail.
const failing = { ...fullMarks, discovery: { value: 4 }, outcome: { value: "next" } };
const UTC = "UTC";

async function ackWorld(options: { mode?: "none" | "optional" | "required"; days?: number; releaseMode?: "immediate" | "manual" } = {}) {
  const w = await reviewWorld({ releaseMode: options.releaseMode });
  await updateScorecardSettings(db(), w.lead, w.scorecard.id, {
    name: w.scorecard.name,
    description: "",
    releaseMode: options.releaseMode ?? "immediate",
    acknowledgement: options.mode ?? "required",
    acknowledgementDays: options.mode === "required" || options.mode === undefined ? (options.days ?? 3) : undefined,
  });
  const evaluate = async (interactionId = w.interactionId, answers = fullMarks) =>
    (await seedEvaluation({ reviewer: w.qa, interactionId, scorecardId: w.scorecard.id, answers })).id;
  return { ...w, evaluate };
}

const currentRevisionId = async (evaluationId: string) =>
  (await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", evaluationId).executeTakeFirstOrThrow()).current_revision_id as string;
const acknowledgementsOf = (evaluationId: string) =>
  db().selectFrom("evaluation_acknowledgements").selectAll().where("evaluation_id", "=", evaluationId).orderBy("acknowledged_at").execute();
const auditOf = (evaluationId: string) =>
  db().selectFrom("audit_log").select(["action", "actor_id", "after"]).where("entity_id", "=", evaluationId).where("action", "=", "evaluation.acknowledged").execute();
const stateOf = async (viewer: Parameters<typeof getAcknowledgement>[1], evaluationId: string, now = new Date()) =>
  (await getAcknowledgement(db(), viewer, evaluationId, now, UTC)).state;
const unacknowledged = (viewer: Parameters<typeof listUnacknowledged>[1], now = new Date(), overdueOnly = false, timeZone = UTC) =>
  listUnacknowledged(db(), viewer, { overdueOnly, limit: 10, now, timeZone });

describe("acknowledging an evaluation", () => {
  it("records the revision seen with the comment, audits it, and takes it off what waits for the agent and their supervisor", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    expect(await countMyWaitingFeedback(db(), w.agent, new Date(), UTC)).toEqual({ awaiting: 1, overdue: 0 });
    expect((await unacknowledged(w.supervisor)).counts).toEqual({ awaiting: 1, overdue: 0 });
    const revisionId = await currentRevisionId(id);

    const outcome = await acknowledgeEvaluation(db(), w.agent, id, { revisionId, comment: "  Thanks, I will confirm the address next time.  " });
    expect(outcome).toMatchObject({ revision: 1, created: true });
    const [row] = await acknowledgementsOf(id);
    expect(row).toMatchObject({ revision_id: revisionId, agent_id: w.agent.id, comment: "Thanks, I will confirm the address next time." });
    expect(await auditOf(id)).toEqual([
      { action: "evaluation.acknowledged", actor_id: w.agent.id, after: { revisionId, revision: 1, comment: "Thanks, I will confirm the address next time." } },
    ]);
    expect(await stateOf(w.agent, id)).toMatchObject({ kind: "acknowledged", comment: "Thanks, I will confirm the address next time.", updated: false });
    expect(await countMyWaitingFeedback(db(), w.agent, new Date(), UTC)).toEqual({ awaiting: 0, overdue: 0 });
    expect((await listMyFeedback(db(), w.agent, { limit: 5, now: new Date(), timeZone: UTC })).items[0]?.awaitingAcknowledgement).toBe(false);
    expect(await unacknowledged(w.supervisor)).toEqual({ items: [], next: null, counts: { awaiting: 0, overdue: 0 } });
  });

  it("is idempotent for the same revision: no second row, no second audit entry, the first comment stands", async () => {
    const w = await ackWorld({ mode: "optional" });
    const id = await w.evaluate();
    const revisionId = await currentRevisionId(id);
    const first = await acknowledgeEvaluation(db(), w.agent, id, { revisionId, comment: "Fair" });
    const again = await acknowledgeEvaluation(db(), w.agent, id, { revisionId, comment: "Changed my mind" });
    expect(again).toEqual({ revision: 1, acknowledgedAt: first.acknowledgedAt, created: false });
    expect((await acknowledgementsOf(id)).map((row) => row.comment)).toEqual(["Fair"]);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it("takes no comment as none", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    await acknowledgeEvaluation(db(), w.agent, id, { revisionId: await currentRevisionId(id), comment: "   " });
    expect((await acknowledgementsOf(id))[0]?.comment).toBeNull();
  });
});

describe("the acknowledgement across revisions", () => {
  it("stands, marked updated, after a correction that keeps pass/fail", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    await acknowledgeEvaluation(db(), w.agent, id, { revisionId: await currentRevisionId(id) });
    await seedCorrection(w.lead, id, { answers: stillPassing, reason: "Discovery missed one question" });

    expect(await stateOf(w.agent, id)).toMatchObject({ kind: "acknowledged", acknowledgedRevision: 1, currentRevision: 2, updated: true });
    expect(await countMyWaitingFeedback(db(), w.agent, new Date(), UTC)).toEqual({ awaiting: 0, overdue: 0 });
    expect((await unacknowledged(w.supervisor)).counts.awaiting).toBe(0);
  });

  it("asks again after a correction that flips pass/fail, from that revision, and the new revision can be acknowledged", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    await acknowledgeEvaluation(db(), w.agent, id, { revisionId: await currentRevisionId(id), comment: "Agreed" });
    await seedCorrection(w.lead, id, { answers: failing, reason: "The outcome was only next steps" });
    const flipped = await db().selectFrom("evaluation_revisions").select(["id", "created_at"]).where("evaluation_id", "=", id).where("sequence", "=", 2).executeTakeFirstOrThrow();

    const state = await stateOf(w.agent, id);
    expect(state).toMatchObject({ kind: "awaiting", again: true, required: true, overdue: false });
    expect(state.kind === "awaiting" && state.askedAt.getTime()).toBe(flipped.created_at.getTime());
    const listed = await unacknowledged(w.supervisor);
    expect(listed.counts).toEqual({ awaiting: 1, overdue: 0 });
    expect(listed.items[0]).toMatchObject({ evaluationId: id, again: true, passed: false, score: 71.9, agentName: w.agent.name });
    expect(listed.items[0]?.askedAt.getTime()).toBe(Math.floor(flipped.created_at.getTime()));
    expect((await listMyFeedback(db(), w.agent, { limit: 5, now: new Date(), timeZone: UTC })).items[0]).toMatchObject({ evaluationId: id, awaitingAcknowledgement: true });

    // Acknowledging the first revision again is refused: the page was out of date.
    const stale = await refusal(acknowledgeEvaluation(db(), w.agent, id, { revisionId: (await acknowledgementsOf(id))[0]!.revision_id }));
    expect(stale.status).toBe(409);
    await acknowledgeEvaluation(db(), w.agent, id, { revisionId: flipped.id });
    expect(await stateOf(w.agent, id)).toMatchObject({ kind: "acknowledged", acknowledgedRevision: 2, updated: false });
    expect((await acknowledgementsOf(id)).map((row) => row.comment)).toEqual(["Agreed", null]);
  });

  it("does not ask again when a second correction flips the result back to the one acknowledged", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    await acknowledgeEvaluation(db(), w.agent, id, { revisionId: await currentRevisionId(id) });
    await seedCorrection(w.lead, id, { answers: failing, reason: "Outcome was next steps" });
    await seedCorrection(w.lead, id, { answers: fullMarks, reason: "The customer confirmed it was resolved" });
    expect(await stateOf(w.agent, id)).toMatchObject({ kind: "acknowledged", acknowledgedRevision: 1, currentRevision: 3, updated: true });
    expect((await unacknowledged(w.supervisor)).counts.awaiting).toBe(0);
  });
});

describe("overdue acknowledgements", () => {
  it("fall due at the end of the N-th day after release in the organisation's time zone, in the page's rule and in the lists alike", async () => {
    const tz = "America/New_York";
    const w = await ackWorld({ days: 1 });
    const id = await w.evaluate();
    // Released Monday 23 November 2026 at 23:30 in New York (04:30 UTC on Tuesday): with one day, due by the end of Tuesday there.
    await db().updateTable("evaluations").set({ released_at: new Date("2026-11-24T04:30:00Z") }).where("id", "=", id).execute();
    const dueAt = new Date("2026-11-25T05:00:00Z");
    expect(acknowledgementDueAt(new Date("2026-11-24T04:30:00Z"), 1, tz)).toEqual(dueAt);

    const justBefore = new Date(dueAt.getTime() - 1);
    expect((await getAcknowledgement(db(), w.agent, id, justBefore, tz)).state).toMatchObject({ kind: "awaiting", dueAt, overdue: false });
    expect((await unacknowledged(w.supervisor, justBefore, false, tz)).counts).toEqual({ awaiting: 1, overdue: 0 });
    expect((await unacknowledged(w.supervisor, justBefore, true, tz)).items).toEqual([]);
    expect(await countMyWaitingFeedback(db(), w.agent, justBefore, tz)).toEqual({ awaiting: 1, overdue: 0 });

    expect((await getAcknowledgement(db(), w.agent, id, dueAt, tz)).state).toMatchObject({ kind: "awaiting", overdue: true });
    const overdue = await unacknowledged(w.supervisor, dueAt, true, tz);
    expect(overdue.counts).toEqual({ awaiting: 1, overdue: 1 });
    expect(overdue.items.map((item) => [item.evaluationId, item.overdue, item.dueAt])).toEqual([[id, true, dueAt]]);
    expect(await countMyWaitingFeedback(db(), w.agent, dueAt, tz)).toEqual({ awaiting: 1, overdue: 1 });
    const mine = await listMyFeedback(db(), w.agent, { limit: 5, now: dueAt, timeZone: tz });
    expect(mine.items[0]).toMatchObject({ awaitingAcknowledgement: true, acknowledgementOverdue: true });

    // In UTC the same release (Tuesday 04:30) is due by the end of Wednesday UTC: not overdue yet at New York's due time.
    expect((await unacknowledged(w.supervisor, dueAt, false, UTC)).counts).toEqual({ awaiting: 1, overdue: 0 });
  });

  it("never happen when acknowledgement is optional", async () => {
    const w = await ackWorld({ mode: "optional" });
    const id = await w.evaluate();
    await db().updateTable("evaluations").set({ released_at: new Date("2026-01-01T12:00:00Z") }).where("id", "=", id).execute();
    expect((await unacknowledged(w.supervisor)).counts).toEqual({ awaiting: 1, overdue: 0 });
    expect(await stateOf(w.agent, id)).toMatchObject({ kind: "awaiting", dueAt: null, overdue: false, required: false });
  });

  it("lists the longest waiting first and pages without repeating one", async () => {
    const w = await ackWorld();
    const [third] = await insertInteractionRows([{ agentId: w.otherAgent.id, teamId: w.team.id, startedAt: new Date("2026-11-10T12:00:00Z") }]);
    const ids = [await w.evaluate(w.interactionId), await w.evaluate(w.secondId), await w.evaluate(third)];
    const first = await listUnacknowledged(db(), w.supervisor, { overdueOnly: false, limit: 2, now: new Date(), timeZone: UTC });
    const second = await listUnacknowledged(db(), w.supervisor, { overdueOnly: false, limit: 2, now: new Date(), timeZone: UTC, after: first.next! });
    expect([...first.items, ...second.items].map((item) => item.evaluationId)).toEqual(ids);
    expect(second.next).toBeNull();
    expect(first.counts).toEqual({ awaiting: 3, overdue: 0 });
    expect((await unacknowledged(w.outsideSupervisor)).counts).toEqual({ awaiting: 0, overdue: 0 });
    expect((await refusal(unacknowledged(w.agent))).status).toBe(403);
  });
});

describe("refusals write nothing", () => {
  it("someone else's evaluation: 404 for another agent, 403 for the supervisor who can see it", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    const revisionId = await currentRevisionId(id);
    expect((await refusal(acknowledgeEvaluation(db(), w.otherAgent, id, { revisionId }))).status).toBe(404);
    expect((await refusal(acknowledgeEvaluation(db(), w.supervisor, id, { revisionId }))).status).toBe(403);
    expect((await refusal(acknowledgeEvaluation(db(), w.outsideSupervisor, id, { revisionId }))).status).toBe(404);
    expect(await acknowledgementsOf(id)).toEqual([]);
  });

  it("an unreleased one is not found, as the agent may not see it; a void one, or a scorecard that does not ask: 409 with the reason", async () => {
    const manual = await ackWorld({ releaseMode: "manual" });
    const unreleased = await manual.evaluate();
    expect((await refusal(acknowledgeEvaluation(db(), manual.agent, unreleased, { revisionId: await currentRevisionId(unreleased) }))).status).toBe(404);
    await releaseEvaluation(db(), manual.lead, unreleased);
    await seedVoid(manual.lead, unreleased, "Wrong conversation");
    const voidRefusal = await refusal(acknowledgeEvaluation(db(), manual.agent, unreleased, { revisionId: await currentRevisionId(unreleased) }));
    expect([voidRefusal.status, voidRefusal.message]).toEqual([409, "This evaluation is void: it no longer counts, so there is nothing to acknowledge."]);

    const none = await ackWorld({ mode: "none" });
    const notAsked = await none.evaluate();
    expect((await refusal(acknowledgeEvaluation(db(), none.agent, notAsked, { revisionId: await currentRevisionId(notAsked) }))).status).toBe(409);
    expect(await stateOf(none.agent, notAsked)).toEqual({ kind: "not_asked" });
    expect([...(await acknowledgementsOf(unreleased)), ...(await acknowledgementsOf(notAsked))]).toEqual([]);
  });

  it("a comment over 2,000 characters: 422 on the field", async () => {
    const w = await ackWorld();
    const id = await w.evaluate();
    const tooLong = await refusal(acknowledgeEvaluation(db(), w.agent, id, { revisionId: await currentRevisionId(id), comment: "x".repeat(2001) }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.fieldErrors).toEqual({ comment: "Keep the comment to 2,000 characters" });
    await acknowledgeEvaluation(db(), w.agent, id, { revisionId: await currentRevisionId(id), comment: "x".repeat(2000) });
    expect((await acknowledgementsOf(id))[0]?.comment).toHaveLength(2000);
  });

  it("a scorecard that requires acknowledgement without days: 422 on the days field", async () => {
    const w = await reviewWorld();
    const refused = await refusal(
      updateScorecardSettings(db(), w.lead, w.scorecard.id, { name: w.scorecard.name, description: "", releaseMode: "immediate", acknowledgement: "required" }),
    );
    expect([refused.status, Object.keys(refused.fieldErrors)]).toEqual([422, ["acknowledgementDays"]]);
    const row = await db().selectFrom("scorecards").select(["acknowledgement", "acknowledgement_days"]).where("id", "=", w.scorecard.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ acknowledgement: "none", acknowledgement_days: null });
  });
});
