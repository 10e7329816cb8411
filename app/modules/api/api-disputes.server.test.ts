/**
 * The disputes part of the API through the route modules, against real PostgreSQL:
 * POST /evaluations/{id}/disputes, GET /disputes and POST /disputes/{id}/decision, each with
 * personal tokens acting within their owner's scope (an agent their own released reviews, a
 * supervisor their teams', the arbiters every one), the pages' refusals as the documented status
 * codes with nothing written, and nothing hidden from agents in what an agent reads.
 */
import { describe, expect, it } from "vitest";
import { disputeWorld, REASON, twoQuestions } from "../../../test/dispute-fixtures";
import { failingAnswers, fullMarks } from "../../../test/evaluation-fixtures";
import { insertInteractionRows, seedTeam, seedUser } from "../../../test/factories";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { seedEvaluation } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { loader as listDisputesRoute } from "../../routes/api.v1.disputes";
import { action as decide } from "../../routes/api.v1.disputes.$id.decision";
import { loader as evaluationRoute } from "../../routes/api.v1.evaluations.$id";
import { action as raise } from "../../routes/api.v1.evaluations.$id.disputes";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { decideDispute } from "../disputes/decide-dispute.server";
import { takeDispute } from "../disputes/take-dispute.server";
import { withdrawDispute } from "../disputes/withdraw-dispute.server";
import { setHiddenQuestions } from "../scorecards/set-hidden-questions.server";
import type { Viewer } from "../users/roles";
import type { DisputeSummaryJson } from "./dispute-api.schema";
import type { EvaluationDetailJson } from "./evaluation-api.schema";
import { callRoute, type ApiAnswer } from "./test-support";

const tokenOf = async (user: Viewer) => (await createApiToken(db(), user, `api ${user.role}`)).token;
const post = (token: string, id: string, body: unknown) => callRoute<ApiAnswer>(raise, "POST", `/api/v1/evaluations/${id}/disputes`, { token, params: { id }, body });
const decideAs = (token: string, id: string, body: unknown) => callRoute<ApiAnswer>(decide, "POST", `/api/v1/disputes/${id}/decision`, { token, params: { id }, body });
type Page = { items: DisputeSummaryJson[]; nextCursor: string | null };
const list = (token: string, query = "") => callRoute<Page & ApiAnswer>(listDisputesRoute, "GET", `/api/v1/disputes${query}`, { token });
const detail = (token: string, id: string) => callRoute<EvaluationDetailJson & ApiAnswer>(evaluationRoute, "GET", `/api/v1/evaluations/${id}`, { token, params: { id } });
const disputesOf = (evaluationId: string) => db().selectFrom("disputes").select(["id", "state"]).where("evaluation_id", "=", evaluationId).execute();

/** Keep "discovery" (4), accept "outcome" ("resolved"): partly upheld, 71.9 → 90.6, a pass. */
const keepOneAcceptOne = {
  decisions: [
    { questionId: "outcome", decision: "accept" as const, note: "The transcript shows it resolved." },
    { questionId: "discovery", decision: "keep" as const, note: "Two checklist questions were skipped." },
  ],
};

/** The dispute world and a review of another team's agent, for scoping. */
async function apiDisputeWorld() {
  const w = await disputeWorld();
  const strangerTeam = await seedTeam();
  const stranger = await seedUser("agent", [strangerTeam.id]);
  const [call] = await insertInteractionRows([{ agentId: stranger.id, teamId: strangerTeam.id, startedAt: new Date("2026-11-10T13:00:00Z"), channel: "call" }]);
  const strangers = await seedEvaluation({ reviewer: w.otherQa, interactionId: call!, scorecardId: w.scorecard.id, answers: failingAnswers });
  const strangerRevision = (await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", strangers.id).executeTakeFirstOrThrow()).current_revision_id!;
  return { ...w, stranger, strangerTeam, strangers: strangers.id, strangerRevision };
}

describe("POST /api/v1/evaluations/{id}/disputes", () => {
  it("raises the agent's dispute (201, open, due in working days); a second open one is 409", async () => {
    const w = await apiDisputeWorld();
    const agent = await tokenOf(w.agent);
    const raised = await post(agent, w.evaluationId, twoQuestions(w.revisionId));
    expect(raised.status).toBe(201);
    expect(raised.json).toMatchObject({ id: expect.any(String) as string, state: "open" });
    expect(Date.parse(raised.json.dueAt as string)).toBeGreaterThan(Date.now());
    const questions = await db().selectFrom("dispute_questions").select(["question_id", "proposed_answer"]).where("dispute_id", "=", raised.json.id as string).orderBy("position").execute();
    expect(questions).toEqual([
      { question_id: "outcome", proposed_answer: { value: "resolved" } },
      { question_id: "discovery", proposed_answer: { value: 5 } },
    ]);

    const again = await post(await tokenOf(w.supervisor), w.evaluationId, twoQuestions(w.revisionId));
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe("conflict");
    expect(await disputesOf(w.evaluationId)).toEqual([{ id: raised.json.id, state: "open" }]);
  });

  it("lets the supervisor raise one for their team's agent, and scopes every token: another agent or team is 404, a QA token 403", async () => {
    const w = await apiDisputeWorld();
    const body = twoQuestions(w.revisionId);
    for (const [user, id] of [
      [w.otherAgent, w.evaluationId],
      [w.outsideSupervisor, w.evaluationId],
      [w.agent, w.strangers],
      [w.supervisor, w.strangers],
    ] as const) {
      const answer = await post(await tokenOf(user), id, body);
      expect(answer.status, `${user.role} on ${id}`).toBe(404);
    }
    expect((await post(await tokenOf(w.agent), "not-a-uuid", body)).status).toBe(404);
    for (const user of [w.qa, w.lead]) {
      const answer = await post(await tokenOf(user), w.evaluationId, body);
      expect(answer.status).toBe(403);
      expect(answer.json.error).toEqual({ code: "forbidden", message: "Only the agent, or their supervisor on their behalf, can dispute an evaluation." });
    }
    expect(await disputesOf(w.evaluationId)).toEqual([]);
    const bySupervisor = await post(await tokenOf(w.supervisor), w.evaluationId, body);
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.json.state).toBe("open");
  });

  it("waits for the supervisor when the organisation asks them first; deciding it then is 409", async () => {
    const w = await apiDisputeWorld();
    await withOrganisationSettings({ dispute_supervisor_first_line: true }, async () => {
      const raised = await post(await tokenOf(w.agent), w.evaluationId, twoQuestions(w.revisionId));
      expect(raised.status).toBe(201);
      expect(raised.json.state).toBe("awaiting_supervisor");
      const early = await decideAs(await tokenOf(w.lead), raised.json.id as string, keepOneAcceptOne);
      expect(early.status).toBe(409);
      expect(await disputesOf(w.evaluationId)).toEqual([{ id: raised.json.id, state: "awaiting_supervisor" }]);
    });
  });

  it("refuses a bad body with 422 naming each field by its path, and a stale revision with 409, writing nothing", async () => {
    const w = await apiDisputeWorld();
    const agent = await tokenOf(w.agent);
    const empty = await post(agent, w.evaluationId, { revisionId: w.revisionId, questions: [] });
    expect(empty.status).toBe(422);
    expect(empty.json.error?.fields).toEqual({ questions: "Choose at least one question to dispute" });
    const wrong = await post(agent, w.evaluationId, {
      revisionId: w.revisionId,
      questions: [
        { questionId: "outcome", proposed: { value: "maybe" }, reasonCode: REASON, reasonText: "It was resolved." },
        { questionId: "nope", proposed: { value: 1 }, reasonCode: REASON, reasonText: "x" },
        { questionId: "discovery", proposed: { value: 5 }, reasonCode: "Because", reasonText: "x" },
      ],
    });
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.json.error?.fields ?? {}).sort()).toEqual(["questions.0.proposed", "questions.1.questionId", "questions.2.reasonCode"]);
    expect(wrong.json.error?.fields?.["questions.1.questionId"]).toBe('This scorecard has no question with id "nope".');
    const stale = await post(agent, w.evaluationId, twoQuestions("00000000-0000-4000-8000-000000000000"));
    expect(stale.status).toBe(409);
    expect((await callRoute(raise, "POST", `/api/v1/evaluations/${w.evaluationId}/disputes`, { token: agent, params: { id: w.evaluationId }, rawBody: "[" })).status).toBe(400);
    expect(await disputesOf(w.evaluationId)).toEqual([]);
  });

  it("a question hidden from agents is refused to an agent's token as an unknown question id, naming nothing", async () => {
    const w = await apiDisputeWorld();
    await setHiddenQuestions(db(), w.lead, w.scorecard.id, ["note"]);
    const agent = await tokenOf(w.agent);
    const asking = (questionId: string) => ({ revisionId: w.revisionId, questions: [{ questionId, proposed: { value: "x" }, reasonCode: REASON, reasonText: "x" }] });
    const hidden = await post(agent, w.evaluationId, asking("note"));
    const unknown = await post(agent, w.evaluationId, asking("nope"));
    expect({ status: hidden.status, body: JSON.stringify(hidden.json).replaceAll('\\"note\\"', "ID") }).toEqual({ status: unknown.status, body: JSON.stringify(unknown.json).replaceAll('\\"nope\\"', "ID") });
    expect(hidden.status).toBe(422);
    expect(hidden.json.error?.fields).toEqual({ "questions.0.questionId": 'This scorecard has no question with id "note".' });
    expect(await disputesOf(w.evaluationId)).toEqual([]);
  });

  it("never tells an agent a hidden answer, not even in a refusal", async () => {
    const w = await apiDisputeWorld();
    await setHiddenQuestions(db(), w.lead, w.scorecard.id, ["note"]);
    await db()
      .updateTable("evaluations")
      .set({ answers: JSON.stringify({ ...fullMarks, discovery: { value: 4 }, outcome: { value: "next" }, note: { value: "Sounded tired; check rota" } }) })
      .where("id", "=", w.evaluationId)
      .execute();
    const agent = await tokenOf(w.agent);
    const refused = await post(agent, w.evaluationId, {
      revisionId: w.revisionId,
      questions: [{ questionId: "note", proposed: { value: "Sounded tired; check rota" }, reasonCode: REASON, reasonText: "x" }],
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json)).not.toMatch(/rota/i);
    const raised = await post(agent, w.evaluationId, twoQuestions(w.revisionId));
    expect(raised.status).toBe(201);
    expect(JSON.stringify(raised.json)).not.toMatch(/rota/i);
    expect(JSON.stringify((await list(agent, "?status=all")).json)).not.toMatch(/rota/i);
  });
});

describe("GET /api/v1/evaluations/{id}: the open dispute", () => {
  it("is there while open, scoped as the dispute is: the agent, their supervisor, the lead and the reviewer see it; a QA specialist outside the pool gets none; another agent 404", async () => {
    const w = await apiDisputeWorld();
    const agent = await tokenOf(w.agent);
    expect((await detail(agent, w.evaluationId)).json.openDispute).toBeNull();

    const id = (await post(agent, w.evaluationId, twoQuestions(w.revisionId))).json.id as string;
    const row = await db().selectFrom("disputes").select(["raised_at", "due_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    const expected = { id, state: "open", questionIds: ["outcome", "discovery"], raisedAt: row.raised_at.toISOString(), dueAt: row.due_at.toISOString(), overdue: false };
    for (const user of [w.agent, w.supervisor, w.lead, w.qa]) {
      const answer = await detail(await tokenOf(user), w.evaluationId);
      expect(answer.status, user.role).toBe(200);
      expect(answer.json.openDispute, user.role).toEqual(expected);
    }
    // Another QA specialist sees the evaluation but not a dispute of someone else's work — until in the arbiter pool.
    const otherQa = await tokenOf(w.otherQa);
    expect((await detail(otherQa, w.evaluationId)).status).toBe(200);
    expect((await detail(otherQa, w.evaluationId)).json.openDispute).toBeNull();
    await db().insertInto("dispute_arbiters").values({ user_id: w.otherQa.id }).execute();
    expect((await detail(otherQa, w.evaluationId)).json.openDispute).toEqual(expected);
    for (const user of [w.otherAgent, w.outsideSupervisor, w.stranger]) {
      const answer = await detail(await tokenOf(user), w.evaluationId);
      expect(answer.status, user.role).toBe(404);
      expect(JSON.stringify(answer.json)).not.toContain(id);
    }

    // Taken: in review; past its due time: overdue; decided: none open any more.
    await takeDispute(db(), w.lead, id);
    await db().updateTable("disputes").set({ due_at: new Date(Date.now() - 60_000) }).where("id", "=", id).execute();
    const overdue = (await detail(agent, w.evaluationId)).json.openDispute;
    expect(overdue).toMatchObject({ id, state: "in_review", overdue: true });
    await decideDispute(db(), w.lead, id, keepOneAcceptOne);
    const after = await detail(agent, w.evaluationId);
    expect({ openDispute: after.json.openDispute, score: after.json.score, revision: after.json.revision }).toEqual({ openDispute: null, score: 90.6, revision: 2 });
  });

  it("shows a dispute awaiting the supervisor, and none once withdrawn", async () => {
    const w = await apiDisputeWorld();
    const agent = await tokenOf(w.agent);
    const raised = await withOrganisationSettings({ dispute_supervisor_first_line: true }, () => post(agent, w.evaluationId, twoQuestions(w.revisionId)));
    const id = raised.json.id as string;
    expect((await detail(await tokenOf(w.supervisor), w.evaluationId)).json.openDispute).toMatchObject({ id, state: "awaiting_supervisor", overdue: false });
    await withdrawDispute(db(), w.agent, id);
    expect((await detail(agent, w.evaluationId)).json.openDispute).toBeNull();
  });
});

describe("GET /api/v1/disputes", () => {
  it("lists, for each role's token, the disputes its pages show, oldest due first, with filters and a cursor", async () => {
    const w = await apiDisputeWorld();
    const mine = (await post(await tokenOf(w.agent), w.evaluationId, twoQuestions(w.revisionId))).json.id as string;
    const theirs = (await post(await tokenOf(w.stranger), w.strangers, { ...twoQuestions(w.strangerRevision), questions: [twoQuestions(w.strangerRevision).questions[0]!] })).json;
    expect(theirs).toMatchObject({ state: "open" });
    const ids = async (user: Viewer, query = "") => {
      const answer = await list(await tokenOf(user), query);
      expect(answer.status).toBe(200);
      return answer.json.items.map((item) => item.id).filter((id) => [mine, theirs.id].includes(id));
    };
    expect(await ids(w.agent)).toEqual([mine]);
    expect(await ids(w.otherAgent)).toEqual([]);
    expect(await ids(w.supervisor)).toEqual([mine]);
    expect(await ids(w.outsideSupervisor)).toEqual([]);
    expect(await ids(w.qa)).toEqual([mine]);
    expect(await ids(w.stranger)).toEqual([theirs.id]);
    // Raised together, the two are due at the same time: order is checked once one is overdue.
    expect((await ids(w.lead)).sort()).toEqual([mine, theirs.id].sort());

    expect((await ids(w.lead, `?team=${w.strangerTeam.id}`)).sort()).toEqual([theirs.id]);
    expect((await ids(w.lead, `?reviewer=${w.qa.id}`)).sort()).toEqual([mine]);
    expect((await ids(w.lead, `?scorecard=${w.scorecard.id}`)).sort()).toEqual([mine, theirs.id].sort());
    expect((await ids(w.lead, `?scorecard=00000000-0000-4000-8000-000000000000`)).sort()).toEqual([]);
    expect((await ids(w.lead, "?status=decided")).sort()).toEqual([]);
    expect((await ids(w.lead, "?status=open")).sort()).toEqual([mine, theirs.id].sort());
    expect((await ids(w.lead, "?overdue=true")).sort()).toEqual([]);
    await db().updateTable("disputes").set({ due_at: new Date("2026-01-05T09:00:00Z") }).where("id", "=", theirs.id as string).execute();
    expect(await ids(w.lead, "?overdue=true")).toEqual([theirs.id]);
    // Oldest due first: the overdue one now leads.
    expect(await ids(w.lead)).toEqual([theirs.id, mine]);

    const lead = await tokenOf(w.lead);
    const first = await list(lead, `?scorecard=${w.scorecard.id}&limit=1`);
    expect(first.json.items.map((item) => item.id)).toEqual([theirs.id]);
    const second = await list(lead, `?scorecard=${w.scorecard.id}&limit=1&cursor=${encodeURIComponent(first.json.nextCursor!)}`);
    expect(second.json.items.map((item) => item.id)).toEqual([mine]);
    expect(second.json.nextCursor).toBeNull();
    expect(second.json.items[0]).toMatchObject({
      evaluationId: w.evaluationId,
      state: "open",
      overdue: false,
      agent: w.agent.name,
      reviewer: w.qa.name,
      raisedBy: w.agent.name,
      takenBy: null,
      scorecard: expect.any(String) as string,
      questionCount: 2,
    });
  });

  it("refuses an unknown status, a malformed id filter, an unknown parameter and a bad cursor with 422 naming each", async () => {
    const w = await apiDisputeWorld();
    const lead = await tokenOf(w.lead);
    const refused = await list(lead, "?status=pending&team=x&overdue=yes&colour=blue");
    expect(refused.status).toBe(422);
    expect(refused.json.error?.fields).toMatchObject({ team: "team must be a team's id", overdue: "overdue must be true or false" });
    expect(refused.json.error?.fields?.status).toMatch(/^status must be one of active, decided, closed, all, awaiting_supervisor/);
    const cursor = await list(lead, "?cursor=nonsense");
    expect(cursor.status).toBe(422);
    expect(cursor.json.error?.fields).toEqual({ cursor: "cursor must be the nextCursor of a previous page" });
    expect((await list("prl_wrong")).status).toBe(401);
  });
});

describe("POST /api/v1/disputes/{id}/decision", () => {
  it("decides as a QA lead: the revision and score change at once; a second decision is 409", async () => {
    const w = await apiDisputeWorld();
    const id = (await post(await tokenOf(w.agent), w.evaluationId, twoQuestions(w.revisionId))).json.id as string;
    const lead = await tokenOf(w.lead);
    const decided = await decideAs(lead, id, keepOneAcceptOne);
    expect(decided.status).toBe(201);
    expect(decided.json).toEqual({ outcome: "partly_upheld", revision: 2, score: { score: 90.6, passed: true, autoFailed: false } });
    const evaluation = await db().selectFrom("evaluations").select(["score", "passed"]).where("id", "=", w.evaluationId).executeTakeFirstOrThrow();
    expect(evaluation).toEqual({ score: 90.6, passed: true });
    expect(await disputesOf(w.evaluationId)).toEqual([{ id, state: "partly_upheld" }]);

    const again = await decideAs(lead, id, keepOneAcceptOne);
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe("conflict");
    const revisions = await db().selectFrom("evaluation_revisions").select("sequence").where("evaluation_id", "=", w.evaluationId).execute();
    expect(revisions).toHaveLength(2);
  });

  it("refuses the reviewer, the agent and the supervisor (403), another team's agent (404), a bad body (422) and a withdrawn dispute (409)", async () => {
    const w = await apiDisputeWorld();
    const id = (await post(await tokenOf(w.agent), w.evaluationId, twoQuestions(w.revisionId))).json.id as string;
    for (const user of [w.qa, w.agent, w.supervisor]) {
      const answer = await decideAs(await tokenOf(user), id, keepOneAcceptOne);
      expect(answer.status, user.role).toBe(403);
    }
    expect((await decideAs(await tokenOf(w.qa), id, keepOneAcceptOne)).json.error?.message).toBe("Only QA leads and the organisation's arbiters decide disputes.");
    for (const user of [w.otherAgent, w.outsideSupervisor, w.stranger, w.otherQa]) {
      expect((await decideAs(await tokenOf(user), id, keepOneAcceptOne)).status, user.role).toBe(404);
    }
    const lead = await tokenOf(w.lead);
    const oneMissing = await decideAs(lead, id, { decisions: [keepOneAcceptOne.decisions[0]] });
    expect(oneMissing.status).toBe(422);
    expect(oneMissing.json.error?.fields).toEqual({ "decisions.1.decision": "Decide \"Understood the issue\": keep the answer, accept the proposal or set another answer." });
    const noNote = await decideAs(lead, id, { decisions: [{ ...keepOneAcceptOne.decisions[0], note: "" }, keepOneAcceptOne.decisions[1]] });
    expect(noNote.status).toBe(422);
    expect(Object.keys(noNote.json.error?.fields ?? {})).toEqual(["decisions.0.note"]);
    expect(await disputesOf(w.evaluationId)).toEqual([{ id, state: "open" }]);
    // In the arbiter pool, the original reviewer still may not decide their own work.
    await db().insertInto("dispute_arbiters").values({ user_id: w.qa.id }).execute();
    const reviewer = await decideAs(await tokenOf(w.qa), id, keepOneAcceptOne);
    expect(reviewer.status).toBe(403);
    expect(reviewer.json.error?.message).toBe("You scored this evaluation, so another arbiter decides its dispute.");

    await withdrawDispute(db(), w.agent, id);
    const withdrawn = await decideAs(lead, id, keepOneAcceptOne);
    expect(withdrawn.status).toBe(409);
    expect(await disputesOf(w.evaluationId)).toEqual([{ id, state: "withdrawn" }]);
    const score = await db().selectFrom("evaluations").select("score").where("id", "=", w.evaluationId).executeTakeFirstOrThrow();
    expect(score.score).toBe(71.9);
  });
});
