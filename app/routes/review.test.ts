/**
 * The review workspace's routes as Remix calls them, with a real session and CSRF token on
 * real PostgreSQL and S3: opening from the queue (POST /review/start), the workspace loader
 * (who may work here, what it hands the page), autosave (revision, 409 on a stale one) and
 * submit (422 naming missing answers; on success the next queue item, or the queue).
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { assignInteraction } from "../modules/assignments/assign-interaction.server";
import { openEvaluation } from "../modules/evaluations/open-evaluation.server";
import { submitEvaluation } from "../modules/evaluations/submit-evaluation.server";
import { evaluationInputSchema } from "../modules/evaluations/evaluation-input.schema";
import { fullMarks, reviewWorld } from "../../test/evaluation-fixtures";
import { insertInteractionRows, seedInteraction, seedUser, testWav } from "../../test/factories";
import { BASE, getRequest, postRequest, returned, signIn, thrown } from "../../test/route-requests";
import { loader as interactionLoader } from "./interactions.$interactionId";
import { action as workspaceAction, loader as workspaceLoader } from "./review.$evaluationId/route";
import { action as startAction, loader as startLoader } from "./review.start";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const feedbackDoc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

const start = async (viewer: { id: string }, fields: Record<string, string>, options: { csrf?: string } = {}) =>
  thrown(async () => startAction({ request: await postRequest(viewer, "/review/start", fields, options), params: {}, context: {} }));

const openPage = async (viewer: { id: string }, evaluationId: string) =>
  workspaceLoader({ request: await getRequest(viewer, `/review/${evaluationId}`), params: { evaluationId }, context: {} });

/** The JSON the workspace posts (autosave and submit), with the session's CSRF token unless given. */
async function postJson(viewer: { id: string }, evaluationId: string, body: Record<string, unknown>, { csrf }: { csrf?: string } = {}) {
  const session = await signIn(viewer);
  const request = new Request(`${BASE}/review/${evaluationId}`, {
    method: "POST",
    headers: { Cookie: session.cookie, "Content-Type": "application/json" },
    body: JSON.stringify({ _csrf: csrf ?? session.csrf, ...body }),
  });
  return workspaceAction({ request, params: { evaluationId }, context: {} });
}

const save = (viewer: { id: string }, evaluationId: string, answers: unknown, revision: number, extra: Record<string, unknown> = {}) =>
  postJson(viewer, evaluationId, { intent: "save", answers, revision, feedback: null, ...extra });

const evaluationRow = (id: string) =>
  db().selectFrom("evaluations").select(["status", "revision", "answers", "feedback", "score"]).where("id", "=", id).executeTakeFirstOrThrow();

describe("opening the workspace (POST /review/start)", () => {
  it("opens the reviewer's assignment and redirects to its workspace; the same draft on a second open", async () => {
    const w = await reviewWorld();
    const assignment = await assignInteraction(db(), w.lead, { interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(3) });
    const opened = await start(w.qa, { assignment: assignment.id });
    expect(opened.status).toBe(302);
    const evaluationId = /^\/review\/([0-9a-f-]{36})$/.exec(opened.location ?? "")?.[1];
    expect(evaluationId).toBeDefined();
    const row = await db().selectFrom("evaluations").select(["assignment_id", "reviewer_id", "status"]).where("id", "=", evaluationId!).executeTakeFirstOrThrow();
    expect(row).toEqual({ assignment_id: assignment.id, reviewer_id: w.qa.id, status: "draft" });
    expect(await start(w.qa, { assignment: assignment.id })).toEqual(opened);

    // Ad hoc, from the interaction page: interaction and scorecard.
    const adHoc = await start(w.qa, { interaction: w.secondId, scorecard: w.scorecard.id });
    expect(adHoc.location).toMatch(/^\/review\/[0-9a-f-]{36}$/);
    expect(adHoc.location).not.toBe(opened.location);
  });

  it("answers 404 for someone else's assignment, 403 for a stale token or a non-reviewer, and sends GETs to the queue", async () => {
    const w = await reviewWorld();
    const assignment = await assignInteraction(db(), w.lead, { interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(3) });
    const refused = await start(w.otherQa, { assignment: assignment.id });
    expect(refused).toMatchObject({ status: 404, message: expect.stringContaining("not in your queue") as string });
    expect((await start(w.qa, { assignment: assignment.id }, { csrf: "not-the-token" })).status).toBe(403);
    expect((await start(w.supervisor, { assignment: assignment.id })).status).toBe(403);
    expect(await start(w.qa, { assignment: "nope" })).toMatchObject({ status: 422, message: expect.stringContaining("not in your queue") as string });
    expect(await start(w.qa, { interaction: w.interactionId, scorecard: "" })).toMatchObject({ status: 422, message: "Choose a scorecard to score with" });
    expect(await db().selectFrom("evaluations").select("id").where("interaction_id", "=", w.interactionId).execute()).toEqual([]);

    const get = startLoader();
    expect(get.status).toBe(302);
    expect(get.headers.get("Location")).toBe("/queue");
  });

  it("refuses to score one's own conversation with the use case's message", async () => {
    const w = await reviewWorld();
    const [own] = await db()
      .insertInto("interactions")
      .values({ channel: "call", source: "t", external_id: `own-${w.qa.id}`, agent_id: w.qa.id, started_at: new Date(), duration_ms: 1000 })
      .returning("id")
      .execute();
    expect(await start(w.qa, { interaction: own!.id, scorecard: w.scorecard.id })).toMatchObject({ status: 403, message: "You cannot score your own conversation." });
  });
});

describe("the workspace page", () => {
  it("gives the reviewer the evaluation, the interaction's media and the saved draft", async () => {
    const w = await reviewWorld();
    const { id: interactionId } = await seedInteraction(w.agent.id, { customerName: "Jo Bloggs", recording: { body: testWav({ seconds: 1 }) } });
    const assignment = await assignInteraction(db(), w.lead, { interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(5) });
    const { evaluationId } = await openEvaluation(db(), w.qa, { assignmentId: assignment.id });
    await save(w.qa, evaluationId, { greeting: { value: true, comment: "Warm" } }, 1, { feedback: feedbackDoc("Good start") });

    const page = await openPage(w.qa, evaluationId);
    expect(page.evaluation).toMatchObject({
      id: evaluationId,
      revision: 2,
      answers: { greeting: { value: true, comment: "Warm" } },
      feedback: feedbackDoc("Good start"),
    });
    expect(page.evaluation.definition.sections.map((section) => section.id)).toEqual(["opening", "resolution"]);
    expect(page.facts).toMatchObject({ title: "Call with Jo Bloggs", agentName: w.agent.name, customerName: "Jo Bloggs", scorecardName: w.scorecard.name, version: 1 });
    expect(page.facts.due).toMatchObject({ overdue: false, relative: "in 5 hr" });
    expect(page.media.player).toMatchObject({ audioUrl: expect.stringContaining("recording.wav") as string, channels: [{ role: "agent" }, { role: "customer" }] });
    expect(page.media.transcript?.segments[1]).toEqual({ id: "s2", speaker: "c", text: expect.any(String) as string, startMs: 2500, endMs: 5000 });
    expect(page.media.questions.map((question) => question.id)).toEqual(["greeting", "identity", "discovery", "outcome", "note"]);
    expect(page.media.annotations).toEqual([]);
    expect(page.currentUserId).toBe(w.qa.id);
  });

  it("is the reviewer's only: another QA gets 404, a submitted evaluation goes to its read-only page", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    for (const viewer of [w.otherQa, w.lead, w.agent, w.supervisor]) {
      expect(await thrown(() => openPage(viewer, evaluationId))).toMatchObject({ status: 404, message: expect.stringContaining("no evaluation at this address") as string });
    }
    expect((await thrown(() => openPage(w.qa, "not-a-uuid"))).status).toBe(404);

    await submitEvaluation(db(), w.qa, evaluationId, evaluationInputSchema.parse({ answers: fullMarks, revision: 1 }));
    for (const viewer of [w.qa, w.otherQa]) {
      expect(await thrown(() => openPage(viewer, evaluationId))).toEqual({ status: 302, location: `/evaluations/${evaluationId}` });
    }
  });
});

describe("autosave", () => {
  it("saves with the page's revision and answers the new one; a stale revision answers 409 and changes nothing", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    const first = await save(w.qa, evaluationId, { greeting: { value: true } }, 1, { feedback: feedbackDoc("One") });
    expect(first).toMatchObject({ intent: "save", ok: true, revision: 2, savedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string });
    const second = await save(w.qa, evaluationId, { greeting: { value: true }, discovery: { value: 4 } }, 2);
    expect(second).toMatchObject({ ok: true, revision: 3 });

    // Another tab still on revision 2.
    const stale = await save(w.qa, evaluationId, { greeting: { value: false } }, 2);
    expect(returned(stale)).toMatchObject({ status: 409, message: expect.stringContaining("another tab") as string });
    expect((stale as { data: { kind: string } }).data.kind).toBe("conflict");
    expect((stale as { data: { code: string } }).data.code).toBe("conflict");
    expect(await evaluationRow(evaluationId)).toMatchObject({ revision: 3, answers: { greeting: { value: true }, discovery: { value: 4 } } });

    // "Keep mine and overwrite": saved over the server's current revision.
    const overwritten = await save(w.qa, evaluationId, { greeting: { value: false } }, 2, { overwrite: true });
    expect(overwritten).toMatchObject({ ok: true, revision: 4 });
    expect(await evaluationRow(evaluationId)).toMatchObject({ revision: 4, answers: { greeting: { value: false } } });
  });

  it("answers 422 naming answers that do not fit, 403 for a stale token or another reviewer's JSON, and writes nothing", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    const bad = await save(w.qa, evaluationId, { discovery: { value: 9 } }, 1);
    expect(returned(bad)).toMatchObject({ status: 422, fieldErrors: { "answers.discovery": expect.any(String) as string } });
    const badFeedback = await save(w.qa, evaluationId, {}, 1, { feedback: { type: "doc", content: [{ type: "image", attrs: { src: "x" } }] } });
    expect(returned(badFeedback)).toMatchObject({ status: 422, message: expect.stringContaining("Overall feedback") as string });
    expect(returned(await save(w.qa, evaluationId, {}, 1, { _csrf: "stale" })).status).toBe(403);
    expect(returned(await save(w.otherQa, evaluationId, {}, 1)).status).toBe(404);
    // An agent reaches the action (their self-evaluations are saved here) but not a reviewer's draft: 404, as for another reviewer.
    expect(returned(await save(w.agent, evaluationId, {}, 1)).status).toBe(404);
    expect((await thrown(() => save(w.supervisor, evaluationId, {}, 1))).status).toBe(403);
    expect(returned(await postJson(w.qa, evaluationId, { intent: "publish" })).status).toBe(400);
    // A NUL in the feedback (jsonb cannot hold one) is a 422 naming where, not a 500.
    const nul = await save(w.qa, evaluationId, { note: { value: "see\u0000here" } }, 1);
    expect(returned(nul)).toMatchObject({ status: 422, fieldErrors: { "answers.note.value": expect.stringMatching(/Remove the NUL/) as string } });
    expect(await evaluationRow(evaluationId)).toMatchObject({ revision: 1, answers: {} });
  });
});

describe("submitting", () => {
  it("answers 422 naming the missing required answers and keeps the draft", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    const refused = await postJson(w.qa, evaluationId, { intent: "submit", answers: { greeting: { value: true } }, revision: 1 });
    const { status, message, fieldErrors } = returned(refused);
    expect(status).toBe(422);
    expect(message).toContain("“Verified identity”");
    expect(Object.keys(fieldErrors).sort()).toEqual(["answers.discovery", "answers.identity", "answers.outcome"]);
    expect((refused as { data: { intent: string; kind: string } }).data).toMatchObject({ intent: "submit", kind: "invalid" });
    expect(await evaluationRow(evaluationId)).toMatchObject({ status: "draft", revision: 1 });
  });

  it("completes the assignment and opens the next item's workspace; after the last, the queue", async () => {
    const w = await reviewWorld();
    const first = await assignInteraction(db(), w.lead, { interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(2) });
    const second = await assignInteraction(db(), w.lead, { interactionId: w.secondId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(5) });
    const { evaluationId } = await openEvaluation(db(), w.qa, { assignmentId: first.id });

    const submitted = await thrown(() => postJson(w.qa, evaluationId, { intent: "submit", answers: fullMarks, revision: 1, feedback: feedbackDoc("Great call") }));
    expect(submitted.status).toBe(302);
    const next = /^\/review\/([0-9a-f-]{36})\?submitted=100\.0&result=pass$/.exec(submitted.location ?? "");
    expect(next).not.toBeNull();
    expect(await evaluationRow(evaluationId)).toMatchObject({ status: "submitted", score: 100, feedback: feedbackDoc("Great call") });
    expect((await db().selectFrom("assignments").select("status").where("id", "=", first.id).executeTakeFirstOrThrow()).status).toBe("done");
    const nextRow = await db().selectFrom("evaluations").select(["assignment_id", "status"]).where("id", "=", next![1]!).executeTakeFirstOrThrow();
    expect(nextRow).toEqual({ assignment_id: second.id, status: "draft" });

    // The last item: identity No fails the whole evaluation; the queue says it is done.
    const last = await thrown(() => postJson(w.qa, next![1]!, { intent: "submit", answers: { ...fullMarks, identity: { value: false } }, revision: 1 }));
    expect(last).toEqual({ status: 302, location: "/queue?submitted=0.0&result=autofail&queue=done" });

    // Submitted: no more saves or submits.
    const again = await postJson(w.qa, evaluationId, { intent: "save", answers: fullMarks, revision: 2 });
    expect((again as { data: { kind: string } }).data.kind).toBe("locked");
    expect((again as { data: { code: string } }).data.code).toBe("locked");
    expect(returned(again).status).toBe(409);
    // "Keep mine and overwrite" cannot save over a submitted evaluation either: locked, not a conflict to resolve.
    const overwrite = await postJson(w.qa, evaluationId, { intent: "save", answers: fullMarks, revision: 2, overwrite: true });
    expect(returned(overwrite).status).toBe(409);
    expect((overwrite as { data: { code: string; kind: string } }).data).toMatchObject({ code: "locked", kind: "locked" });
  });
});

describe("the interaction page's review panels", () => {
  it("offers 'Score this interaction' to reviewers (not on their own conversation) and lists the evaluations the viewer may see", async () => {
    const w = await reviewWorld();
    const page = async (viewer: { id: string }, interactionId = w.interactionId) =>
      interactionLoader({ request: await getRequest(viewer, `/interactions/${interactionId}`), params: { interactionId }, context: {} });

    const forQa = await page(w.qa);
    expect(forQa.score?.scorecards).toContainEqual({ id: w.scorecard.id, name: w.scorecard.name });
    expect((await page(w.supervisor)).score).toBeNull();
    expect((await page(w.agent)).score).toBeNull();
    const qaAgent = await seedUser("qa");
    const [own] = await insertInteractionRows([{ agentId: qaAgent.id, startedAt: new Date(), channel: "call" }]);
    expect((await page(qaAgent, own)).score).toBeNull();

    const { evaluationId: draftId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    expect((await page(w.qa)).evaluations).toEqual([expect.objectContaining({ id: draftId, status: "draft" })]);
    expect((await page(w.otherQa)).evaluations).toEqual([]);
    await submitEvaluation(db(), w.qa, draftId, evaluationInputSchema.parse({ answers: fullMarks, revision: 1 }));
    expect((await page(w.supervisor)).evaluations).toEqual([expect.objectContaining({ id: draftId, status: "submitted", score: "100.0", passed: true })]);
  });
});
