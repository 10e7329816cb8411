/**
 * POST /api/v1/evaluations/{id}/comments through the route module, against real PostgreSQL:
 * personal tokens post within their owner's thread scope (an agent on their own released review
 * only, a supervisor on their teams'), with the page's refusals as the API's status codes and
 * nothing written for any refusal.
 */
import { describe, expect, it } from "vitest";
import { fullMarks, reviewDefinition, submittedReviewWorld } from "../../../test/evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { seedEvaluation, seedVoid } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { action as postComment } from "../../routes/api.v1.evaluations.$id.comments";
import { createApiToken } from "../api-tokens/create-api-token.server";
import type { Viewer } from "../users/roles";
import { callRoute, type ApiAnswer } from "./test-support";

const tokenOf = async (user: Viewer) => (await createApiToken(db(), user, `api ${user.role}`)).token;
const comment = (token: string, id: string, body: unknown) => callRoute<ApiAnswer>(postComment, "POST", `/api/v1/evaluations/${id}/comments`, { token, params: { id }, body });
const commentsOf = async (evaluationId: string) =>
  (await db().selectFrom("evaluation_comments").select(["author_id", "body"]).where("evaluation_id", "=", evaluationId).orderBy("created_at").execute()).map((row) => [row.author_id, row.body]);

/** The review world's released review, an unreleased one of the same agent, and another team's review. */
async function commentWorld() {
  const w = await submittedReviewWorld();
  const manual = await seedScorecard({ definition: reviewDefinition });
  await db().updateTable("scorecards").set({ release_mode: "manual" }).where("id", "=", manual.id).execute();
  const unreleased = (await seedEvaluation({ reviewer: w.qa, interactionId: w.secondId, scorecardId: manual.id, answers: fullMarks })).id;
  const strangerTeam = await seedTeam();
  const stranger = await seedUser("agent", [strangerTeam.id]);
  const [strangerCall] = await insertInteractionRows([{ agentId: stranger.id, teamId: strangerTeam.id, startedAt: new Date("2026-11-10T13:00:00Z"), channel: "call" }]);
  const strangers = (await seedEvaluation({ reviewer: w.qa, interactionId: strangerCall!, scorecardId: w.scorecard.id, answers: fullMarks })).id;
  return { ...w, unreleased, strangers };
}

describe("POST /api/v1/evaluations/{id}/comments", () => {
  it("posts the agent's, the supervisor's and the reviewer's comments, trimmed, and notifies the others in the thread", async () => {
    const w = await commentWorld();
    const posted = await comment(await tokenOf(w.agent), w.evaluationId, { body: "  Thanks — I will verify identity first.\r\nNoted.  " });
    expect(posted.status).toBe(201);
    expect(posted.json).toMatchObject({ id: expect.any(String) as string, evaluationId: w.evaluationId, body: "Thanks — I will verify identity first.\nNoted." });
    expect(Number.isNaN(Date.parse(posted.json.createdAt as string))).toBe(false);
    expect((await comment(await tokenOf(w.supervisor), w.evaluationId, { body: "Good call to ask." })).status).toBe(201);
    expect((await comment(await tokenOf(w.qa), w.evaluationId, { body: "Glad it helped." })).status).toBe(201);
    expect(await commentsOf(w.evaluationId)).toEqual([
      [w.agent.id, "Thanks — I will verify identity first.\nNoted."],
      [w.supervisor.id, "Good call to ask."],
      [w.qa.id, "Glad it helped."],
    ]);
    // The reviewer was told of the agent's and the supervisor's comments; the agent of the other two.
    const told = async (userId: string) =>
      (await db().selectFrom("notifications").select("kind").where("recipient_id", "=", userId).where("kind", "=", "comment_added").execute()).length;
    expect(await told(w.qa.id)).toBe(2);
    expect(await told(w.agent.id)).toBe(2);
  });

  it("answers 404 outside the token's scope: another agent's review, the agent's unreleased one, another team's for a supervisor", async () => {
    const w = await commentWorld();
    const agent = await tokenOf(w.agent);
    for (const [token, id] of [
      [await tokenOf(w.otherAgent), w.evaluationId],
      [agent, w.unreleased],
      [agent, w.strangers],
      [await tokenOf(w.outsideSupervisor), w.evaluationId],
      [await tokenOf(w.supervisor), w.strangers],
      [agent, "00000000-0000-4000-8000-000000000000"],
      [agent, "not-a-uuid"],
    ] as const) {
      const answer = await comment(token, id, { body: "Hello" });
      expect(answer.status, id).toBe(404);
      expect(answer.json.error?.code).toBe("not_found");
    }
    // Another QA specialist is not in the thread either.
    expect((await comment(await tokenOf(w.otherQa), w.evaluationId, { body: "Hello" })).status).toBe(404);
    expect((await comment(await tokenOf(w.supervisor), w.unreleased, { body: "Before release" })).status).toBe(201);
    expect(await commentsOf(w.evaluationId)).toEqual([]);
  });

  it("refuses an empty comment, one over 5,000 characters and a body without `body` (422), and a void review (409), writing nothing", async () => {
    const w = await commentWorld();
    const agent = await tokenOf(w.agent);
    const empty = await comment(agent, w.evaluationId, { body: "   " });
    expect(empty.status).toBe(422);
    expect(empty.json.error).toMatchObject({ code: "invalid", fields: { body: "Write a comment before posting it: it is empty." } });
    const long = await comment(agent, w.evaluationId, { body: "x".repeat(5001) });
    expect(long.status).toBe(422);
    expect(long.json.error?.fields).toEqual({ body: "The comment is 5,001 characters; the limit is 5,000. Shorten it by 1 to post it." });
    const missing = await comment(agent, w.evaluationId, { text: "Hello" });
    expect(missing.status).toBe(422);
    expect(missing.json.error?.fields).toMatchObject({ body: "body is required: the comment's text" });
    expect((await callRoute(postComment, "POST", `/api/v1/evaluations/${w.evaluationId}/comments`, { token: agent, params: { id: w.evaluationId }, rawBody: "{" })).status).toBe(400);
    expect((await comment(agent, w.evaluationId, { body: "x".repeat(5000) })).status).toBe(201);

    await seedVoid(w.lead, w.evaluationId, "Wrong agent on the call");
    const onVoid = await comment(await tokenOf(w.supervisor), w.evaluationId, { body: "Too late" });
    expect(onVoid.status).toBe(409);
    expect((await commentsOf(w.evaluationId)).map(([author]) => author)).toEqual([w.agent.id]);
  });
});
