/**
 * The evaluations API (issue 13 §9) through the route modules, against real PostgreSQL: every
 * role's personal token acts within its owner's scope — an agent sees only their own released
 * reviews (never the questions hidden from agents), a supervisor only their teams' — with the
 * filters and keyset paging, the detail's revisions and acknowledgement, and the agent's
 * acknowledgement through the page's use case with the page's refusals.
 */
import { describe, expect, it } from "vitest";
import { correctedAnswers, failingAnswers, fullMarks, reviewDefinition, reviewWorld } from "../../../test/evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { seedCorrection, seedEvaluation } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { loader as listEvaluations } from "../../routes/api.v1.evaluations";
import { loader as getEvaluation } from "../../routes/api.v1.evaluations.$id";
import { action as acknowledge } from "../../routes/api.v1.evaluations.$id.acknowledgement";
import { action as importInteraction } from "../../routes/api.v1.interactions";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { setHiddenQuestions } from "../scorecards/set-hidden-questions.server";
import type { Viewer } from "../users/roles";
import type { EvaluationDetailJson, EvaluationSummaryJson } from "./evaluation-api.schema";
import { callRoute, chatRequest } from "./test-support";

const tokenOf = async (user: Viewer) => (await createApiToken(db(), user, `api ${user.role}`)).token;
type Page = { items: EvaluationSummaryJson[]; nextCursor: string | null };
const list = (token: string, query = "") => callRoute<Page>(listEvaluations, "GET", `/api/v1/evaluations${query}`, { token });
const ids = async (token: string, query = "") => {
  const answer = await list(token, query);
  expect(answer.status).toBe(200);
  return answer.json.items.map((item) => item.id).sort();
};
const detail = (token: string, id: string) => callRoute<EvaluationDetailJson & { error?: { code: string } }>(getEvaluation, "GET", `/api/v1/evaluations/${id}`, { token, params: { id } });
const postAcknowledgement = (token: string, id: string, body: unknown) =>
  callRoute<{ revision?: number; created?: boolean; error?: { code: string; message: string; fields?: Record<string, string> } }>(
    acknowledge,
    "POST",
    `/api/v1/evaluations/${id}/acknowledgement`,
    { token, params: { id }, body },
  );

/** A team's agent with a released review, an unreleased one (manual scorecard) and a colleague's; another team's agent with one. */
async function apiWorld() {
  const w = await reviewWorld({ releaseMode: "immediate" });
  await db().updateTable("scorecards").set({ acknowledgement: "required", acknowledgement_days: 3 }).where("id", "=", w.scorecard.id).execute();
  const manual = await seedScorecard({ definition: reviewDefinition });
  await db().updateTable("scorecards").set({ release_mode: "manual" }).where("id", "=", manual.id).execute();
  const strangerTeam = await seedTeam();
  const stranger = await seedUser("agent", [strangerTeam.id]);
  const [colleagueCall, strangerCall] = await insertInteractionRows([
    { agentId: w.otherAgent.id, teamId: w.team.id, startedAt: new Date("2026-11-10T12:00:00Z"), channel: "call" },
    { agentId: stranger.id, teamId: strangerTeam.id, startedAt: new Date("2026-11-10T13:00:00Z"), channel: "call" },
  ]);
  const review = async (interactionId: string, scorecardId = w.scorecard.id, answers = fullMarks) =>
    (await seedEvaluation({ reviewer: w.qa, interactionId, scorecardId, answers })).id;
  const released = await review(w.interactionId, w.scorecard.id, failingAnswers);
  const unreleased = await review(w.secondId, manual.id);
  const colleagues = await review(colleagueCall!);
  const strangers = await review(strangerCall!);
  return { ...w, manual, stranger, strangerTeam, released, unreleased, colleagues, strangers };
}

describe("GET /api/v1/evaluations", () => {
  it("lists, for each role's own token, exactly what its pages show", async () => {
    const w = await apiWorld();
    expect(await ids(await tokenOf(w.agent))).toEqual([w.released]);
    expect(await ids(await tokenOf(w.otherAgent))).toEqual([w.colleagues]);
    expect(await ids(await tokenOf(w.supervisor))).toEqual([w.released, w.unreleased, w.colleagues].sort());
    expect(await ids(await tokenOf(w.outsideSupervisor))).toEqual([]);
    expect(await ids(await tokenOf(w.qa))).toEqual(expect.arrayContaining([w.released, w.unreleased, w.colleagues, w.strangers]));
  });

  it("filters by agent, team, scorecard, status and submission time, and pages with a cursor", async () => {
    const w = await apiWorld();
    const lead = await tokenOf(w.lead);
    expect(await ids(lead, `?agent=${encodeURIComponent(w.agent.email)}`)).toEqual([w.released, w.unreleased].sort());
    expect(await ids(lead, `?agent=${w.stranger.id}`)).toEqual([w.strangers]);
    expect(await ids(lead, "?agent=nobody@example.test")).toEqual([]);
    expect(await ids(lead, `?team=${w.team.id}`)).toEqual([w.released, w.unreleased, w.colleagues].sort());
    expect(await ids(lead, `?scorecard=${w.manual.id}`)).toEqual([w.unreleased]);
    expect(await ids(lead, `?team=${w.team.id}&status=unreleased`)).toEqual([w.unreleased]);
    expect(await ids(lead, `?team=${w.team.id}&status=released`)).toEqual([w.released, w.colleagues].sort());
    expect(await ids(lead, `?team=${w.team.id}&status=void`)).toEqual([]);
    expect(await ids(lead, `?team=${w.team.id}&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z`)).toEqual([]);

    const first = await list(lead, `?team=${w.team.id}&limit=2`);
    expect(first.json.items).toHaveLength(2);
    const second = await list(lead, `?team=${w.team.id}&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();
    expect([...first.json.items, ...second.json.items].map((item) => item.id).sort()).toEqual([w.released, w.unreleased, w.colleagues].sort());
    // Newest submitted first: the colleague's review was submitted last.
    expect(first.json.items[0]!.id).toBe(w.colleagues);
    expect(first.json.items[0]).toMatchObject({
      interactionId: expect.any(String) as string,
      agent: { id: w.otherAgent.id, name: w.otherAgent.name },
      team: { id: w.team.id, name: w.team.name },
      reviewer: { id: w.qa.id, name: w.qa.name },
      scorecard: { id: w.scorecard.id, version: 1 },
      status: "submitted",
      score: 100,
      passed: true,
      autoFailed: false,
      revision: 1,
    });
  });

  it("refuses an unknown status, a malformed team, an unknown parameter and a bad cursor with 422 naming each", async () => {
    const w = await apiWorld();
    const lead = await tokenOf(w.lead);
    const refused = await list(lead, "?status=open&team=x&colour=blue");
    expect(refused.status).toBe(422);
    expect((refused.json as unknown as { error: { fields: Record<string, string> } }).error.fields).toMatchObject({
      status: "status must be one of submitted, released, unreleased, void",
      team: "team must be a team's id",
    });
    expect((await list(lead, "?cursor=nonsense")).status).toBe(422);
    expect((await list("prl_wrong")).status).toBe(401);
  });
});

describe("GET /api/v1/evaluations/{id}", () => {
  it("answers 404 outside the token's scope: an agent's unreleased or colleague's review, another team's for a supervisor", async () => {
    const w = await apiWorld();
    const agent = await tokenOf(w.agent);
    const supervisor = await tokenOf(w.supervisor);
    expect((await detail(agent, w.released)).status).toBe(200);
    for (const [token, id] of [
      [agent, w.unreleased],
      [agent, w.colleagues],
      [supervisor, w.strangers],
      [agent, "00000000-0000-4000-8000-000000000000"],
      [agent, "not-a-uuid"],
    ] as const) {
      const answer = await detail(token, id);
      expect(answer.status).toBe(404);
      expect(answer.json.error).toEqual({ code: "not_found", message: "There is no evaluation with this id that this token may see." });
    }
    expect((await detail(supervisor, w.unreleased)).status).toBe(200);
  });

  it("gives the answers, score, revisions with what changed and the acknowledgement, and never an agent the hidden questions", async () => {
    const w = await apiWorld();
    await setHiddenQuestions(db(), w.lead, w.scorecard.id, ["note"]);
    const { id } = await seedEvaluation({
      reviewer: w.otherQa,
      interactionId: (await insertInteractionRows([{ agentId: w.agent.id, teamId: w.team.id, startedAt: new Date("2026-11-11T09:00:00Z"), channel: "call" }]))[0]!,
      scorecardId: w.scorecard.id,
      answers: { ...failingAnswers, note: { value: "Sounded tired; check rota" } },
    });
    await seedCorrection(w.lead, id, { answers: { ...correctedAnswers, note: { value: "Rota checked" } }, reason: "Outcome was resolved on the callback" });

    const forAgent = await detail(await tokenOf(w.agent), id);
    expect(forAgent.status).toBe(200);
    expect(forAgent.json.questions.map((q) => q.id)).toEqual(["greeting", "identity", "discovery", "outcome"]);
    expect(JSON.stringify(forAgent.json)).not.toContain("rota");
    expect(JSON.stringify(forAgent.json)).not.toContain("Rota");
    expect(forAgent.json).toMatchObject({ score: 90.6, passed: true, revision: 2, status: "submitted" });
    expect(forAgent.json.questions.find((q) => q.id === "outcome")!.answer).toEqual({ value: "resolved", na: false, comment: null });
    expect(forAgent.json.revisions.map((r) => [r.sequence, r.cause, r.score, r.passed, r.changedQuestionIds, r.current, r.reason])).toEqual([
      [1, "submit", 71.9, false, [], false, null],
      [2, "edit", 90.6, true, ["outcome"], true, "Outcome was resolved on the callback"],
    ]);
    expect(forAgent.json.acknowledgement).toMatchObject({ mode: "required", state: "awaiting", overdue: false, acknowledgedAt: null });

    const forSupervisor = await detail(await tokenOf(w.supervisor), id);
    expect(forSupervisor.json.questions.map((q) => q.id)).toEqual(["greeting", "identity", "discovery", "outcome", "note"]);
    expect(forSupervisor.json.questions.at(-1)!.answer).toEqual({ value: "Rota checked", na: false, comment: null });
    expect(forSupervisor.json.revisions[1]!.changedQuestionIds).toEqual(["outcome", "note"]);
  });
});

describe("POST /api/v1/evaluations/{id}/acknowledgement", () => {
  it("records the agent's acknowledgement of the current revision once; others are refused as on the page", async () => {
    const w = await apiWorld();
    const agent = await tokenOf(w.agent);
    const current = (await detail(agent, w.released)).json.currentRevisionId!;

    expect((await postAcknowledgement(await tokenOf(w.supervisor), w.released, { revisionId: current })).status).toBe(403);
    expect((await postAcknowledgement(await tokenOf(w.otherAgent), w.released, { revisionId: current })).status).toBe(404);
    expect((await postAcknowledgement(agent, w.unreleased, { revisionId: current })).status).toBe(404);
    const missing = await postAcknowledgement(agent, w.released, { comment: "ok" });
    expect(missing.status).toBe(422);
    expect(missing.json.error?.fields).toEqual({ revisionId: "revisionId must be the evaluation's currentRevisionId" });
    expect((await postAcknowledgement(agent, w.released, { revisionId: "00000000-0000-4000-8000-000000000000" })).status).toBe(409);
    expect(await db().selectFrom("evaluation_acknowledgements").select("id").where("evaluation_id", "=", w.released).execute()).toEqual([]);

    const created = await postAcknowledgement(agent, w.released, { revisionId: current, comment: "Understood, will verify identity first" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ revision: 1, created: true });
    const again = await postAcknowledgement(agent, w.released, { revisionId: current });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ revision: 1, created: false });
    expect((await detail(agent, w.released)).json.acknowledgement).toMatchObject({
      state: "acknowledged",
      acknowledgedRevision: 1,
      comment: "Understood, will verify identity first",
    });
  });
});

describe("personal tokens of every role", () => {
  it("never do more than their owner may: an agent's or supervisor's token cannot import (403)", async () => {
    const w = await reviewWorld();
    for (const user of [w.agent, w.supervisor, w.qa]) {
      const answer = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: await tokenOf(user), body: chatRequest(w.agent.email) });
      expect(answer.status).toBe(403);
      expect(answer.json.error).toEqual({ code: "forbidden", message: "Importing interactions needs an admin's or a QA lead's token." });
    }
    expect(await db().selectFrom("interactions").select("id").where("source", "=", "api-test").execute()).toEqual([]);
  });
});
