/**
 * The read-only evaluation page as Remix calls it, on real PostgreSQL: who may open it
 * (agents their own released ones, supervisors their teams', QA all; anyone else 404), the
 * "Release to agent" button for QA leads and admins only, and the release action.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { addAnnotation } from "../modules/evaluations/annotate.server";
import { annotationInputSchema } from "../modules/evaluations/annotation.schema";
import { evaluationInputSchema } from "../modules/evaluations/evaluation-input.schema";
import { openEvaluation } from "../modules/evaluations/open-evaluation.server";
import { submitEvaluation } from "../modules/evaluations/submit-evaluation.server";
import { fullMarks, reviewWorld } from "../../test/evaluation-fixtures";
import { seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { action, loader } from "./evaluations.$evaluationId";

const load = async (viewer: { id: string }, evaluationId: string) =>
  loader({ request: await getRequest(viewer, `/evaluations/${evaluationId}`), params: { evaluationId }, context: {} });
const release = async (viewer: { id: string }, evaluationId: string, options: { csrf?: string } = {}) =>
  action({ request: await postRequest(viewer, `/evaluations/${evaluationId}`, { intent: "release" }, options), params: { evaluationId }, context: {} });
const releasedAt = async (id: string) => (await db().selectFrom("evaluations").select("released_at").where("id", "=", id).executeTakeFirstOrThrow()).released_at;

/** A submitted evaluation of the world's first interaction, with feedback and an annotation. */
async function submitted(options: { releaseMode?: "immediate" | "manual" } = {}) {
  const w = await reviewWorld(options);
  const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
  await addAnnotation(db(), w.qa, evaluationId, annotationInputSchema.parse({ comment: "Long hold", sentiment: "negative", startMs: 1000, endMs: 4000 }));
  const feedback = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Well handled" }] }] };
  // Opening 100; resolution (3/4 + 1/2)/2 = 62.5; overall (100 + 3 × 62.5)/4 = 71.875 → 71.9.
  const answers = { ...fullMarks, discovery: { value: 4 }, outcome: { value: "next" } };
  await submitEvaluation(db(), w.qa, evaluationId, evaluationInputSchema.parse({ answers, revision: 1, feedback }));
  return { ...w, evaluationId, answers, feedback };
}

describe("who sees the evaluation page", () => {
  it("shows the score, verdict, reviewer, answers, annotations and feedback to QA and the team's supervisor", async () => {
    const w = await submitted({ releaseMode: "manual" });
    for (const viewer of [w.qa, w.otherQa, w.lead, w.supervisor]) {
      const page = await load(viewer, w.evaluationId);
      expect(page.evaluation).toMatchObject({ id: w.evaluationId, score: 71.9, passed: false, autoFailed: false, reviewerName: w.qa.name, releasedAt: null });
      expect(page.evaluation.answers).toEqual(w.answers);
      expect(page.evaluation.feedback).toEqual(w.feedback);
      expect(page.media.annotations).toEqual([expect.objectContaining({ comment: "Long hold", startMs: 1000, createdAt: expect.stringMatching(/Z$/) as string })]);
      expect(page.facts).toMatchObject({ agentName: w.agent.name, scorecardName: w.scorecard.name, version: 1, due: null });
      expect(page.evaluation.submittedAt).toMatch(/\d{4}/);
    }
  });

  it("agents see only their own released evaluations; other agents and other teams' supervisors get 404", async () => {
    const w = await submitted({ releaseMode: "manual" });
    for (const viewer of [w.agent, w.otherAgent, w.outsideSupervisor]) {
      expect(await thrown(() => load(viewer, w.evaluationId))).toMatchObject({ status: 404, message: expect.stringContaining("no evaluation at this address") as string });
    }
    await thrown(() => release(w.lead, w.evaluationId));
    expect((await load(w.agent, w.evaluationId)).evaluation.releasedAt).not.toBeNull();
    for (const viewer of [w.otherAgent, w.outsideSupervisor]) expect((await thrown(() => load(viewer, w.evaluationId))).status).toBe(404);
    expect((await thrown(() => load(w.agent, "not-an-id"))).status).toBe(404);
  });

  it("sends the reviewer's own draft to the workspace, and hides it from everyone else", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    expect(await thrown(() => load(w.qa, evaluationId))).toEqual({ status: 302, location: `/review/${evaluationId}` });
    for (const viewer of [w.otherQa, w.lead, w.supervisor]) expect((await thrown(() => load(viewer, evaluationId))).status).toBe(404);
  });
});

describe("releasing to the agent", () => {
  it("offers the button to QA leads and admins only, while not released", async () => {
    const w = await submitted({ releaseMode: "manual" });
    const admin = await seedUser("admin");
    expect((await load(w.lead, w.evaluationId)).canRelease).toBe(true);
    expect((await load(admin, w.evaluationId)).canRelease).toBe(true);
    for (const viewer of [w.qa, w.otherQa, w.supervisor]) expect((await load(viewer, w.evaluationId)).canRelease).toBe(false);

    const immediate = await submitted({ releaseMode: "immediate" });
    const page = await load(immediate.lead, immediate.evaluationId);
    expect(page.canRelease).toBe(false);
    expect(page.evaluation.releasedAt).not.toBeNull();
  });

  it("releases on a lead's confirmed post, once; refuses others and stale tokens", async () => {
    const w = await submitted({ releaseMode: "manual" });
    expect((await thrown(() => release(w.qa, w.evaluationId))).status).toBe(403);
    expect((await thrown(() => release(w.supervisor, w.evaluationId))).status).toBe(403);
    expect(returned(await release(w.lead, w.evaluationId, { csrf: "stale" })).status).toBe(403);
    expect(await releasedAt(w.evaluationId)).toBeNull();

    expect(await thrown(() => release(w.lead, w.evaluationId))).toEqual({ status: 302, location: `/evaluations/${w.evaluationId}?released=1` });
    expect(await releasedAt(w.evaluationId)).not.toBeNull();
    expect((await load(w.lead, w.evaluationId)).canRelease).toBe(false);
    expect((await load(w.agent, w.evaluationId)).evaluation.score).toBe(71.9);

    const again = returned(await release(w.lead, w.evaluationId));
    expect(again).toMatchObject({ status: 409, message: expect.stringContaining("already released") as string });
  });
});
