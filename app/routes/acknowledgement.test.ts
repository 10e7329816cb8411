/**
 * The agent's feedback pages as Remix calls them, on real PostgreSQL (issue 13 §2–3): My
 * feedback for agents only; acknowledging from the evaluation page, whose refusals keep what
 * was typed; the acknowledgements list for supervisors, QA leads and admins only; the scorecard
 * setting saved from the builder's settings form.
 */
import { describe, expect, it } from "vitest";
import { fullMarks, reviewWorld } from "../../test/evaluation-fixtures";
import { seedUser } from "../../test/factories";
import { seedEvaluation } from "../../test/review-factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { db } from "../lib/db.server";
import { loader as acknowledgementsLoader } from "./acknowledgements";
import { action, loader } from "./evaluations.$evaluationId";
import { loader as feedbackLoader } from "./feedback._index";
import { loader as homeLoader } from "./_index";
import { action as scorecardAction } from "./scorecards.$scorecardId";

const load = async (viewer: { id: string }, evaluationId: string) =>
  loader({ request: await getRequest(viewer, `/evaluations/${evaluationId}`), params: { evaluationId }, context: {} });
const post = async (viewer: { id: string }, evaluationId: string, fields: Record<string, string>) =>
  action({ request: await postRequest(viewer, `/evaluations/${evaluationId}`, fields), params: { evaluationId }, context: {} });
const loadList = async (viewer: { id: string }, path = "/acknowledgements") => acknowledgementsLoader({ request: await getRequest(viewer, path), params: {}, context: {} });

async function world() {
  const w = await reviewWorld();
  const saved = await thrown(async () =>
    scorecardAction({
      request: await postRequest(w.lead, `/scorecards/${w.scorecard.id}`, {
        intent: "settings",
        name: w.scorecard.name,
        description: "",
        releaseMode: "immediate",
        acknowledgement: "required",
        acknowledgementDays: "5",
      }),
      params: { scorecardId: w.scorecard.id },
      context: {},
    }),
  );
  expect(saved.status).toBe(302);
  const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
  return { ...w, evaluationId: id };
}

describe("acknowledging from the evaluation page", () => {
  it("shows the agent the form, acknowledges with the comment, and shows the supervisor that it is done", async () => {
    const w = await world();
    const page = await load(w.agent, w.evaluationId);
    expect(page.acknowledgement).toMatchObject({ kind: "awaiting", viewerAcknowledges: true, required: true, overdue: false, again: false });
    expect((await load(w.supervisor, w.evaluationId)).acknowledgement).toMatchObject({ kind: "awaiting", viewerAcknowledges: false });
    expect((await loadList(w.supervisor)).counts).toEqual({ awaiting: 1, overdue: 0 });
    const revisionId = page.acknowledgement?.kind === "awaiting" ? page.acknowledgement.revisionId : "";

    const done = await thrown(() => post(w.agent, w.evaluationId, { intent: "acknowledge", revisionId, comment: "Noted, thanks" }));
    expect(done).toEqual({ status: 302, location: `/evaluations/${w.evaluationId}?acknowledged=1` });
    expect((await load(w.supervisor, w.evaluationId)).acknowledgement).toMatchObject({ kind: "acknowledged", comment: "Noted, thanks", updated: false, viewerAcknowledges: false });
    expect((await loadList(w.supervisor)).counts).toEqual({ awaiting: 0, overdue: 0 });
    const again = await thrown(() => post(w.agent, w.evaluationId, { intent: "acknowledge", revisionId, comment: "Twice" }));
    expect(again.location).toBe(`/evaluations/${w.evaluationId}?acknowledged=already`);
  });

  it("refuses a comment over 2,000 characters with 422 and keeps it; another agent gets 404 and the supervisor 403", async () => {
    const w = await world();
    const page = await load(w.agent, w.evaluationId);
    const revisionId = page.acknowledgement?.kind === "awaiting" ? page.acknowledgement.revisionId : "";
    const long = "A".repeat(2001);
    const refused = await post(w.agent, w.evaluationId, { intent: "acknowledge", revisionId, comment: long });
    expect(returned(refused)).toMatchObject({ status: 422, fieldErrors: { comment: "Keep the comment to 2,000 characters" } });
    expect((refused as { data: { values: Record<string, string> } }).data.values.comment).toBe(long);

    expect(await thrown(() => load(w.otherAgent, w.evaluationId))).toMatchObject({ status: 404 });
    expect(returned(await post(w.otherAgent, w.evaluationId, { intent: "acknowledge", revisionId })).status).toBe(404);
    expect(returned(await post(w.supervisor, w.evaluationId, { intent: "acknowledge", revisionId })).status).toBe(403);
    const rows = await db().selectFrom("evaluation_acknowledgements").select("id").where("evaluation_id", "=", w.evaluationId).execute();
    expect(rows).toEqual([]);
  });
});

describe("the agent's home", () => {
  it("leads with their latest feedback and how many wait for their acknowledgement; others get none", async () => {
    const w = await world();
    const home = await homeLoader({ request: await getRequest(w.agent, "/"), params: {}, context: {} });
    expect(home.feedback?.items.map((item) => item.evaluationId)).toEqual([w.evaluationId]);
    expect(home.feedback?.waiting).toEqual({ awaiting: 1, overdue: 0 });
    expect(home.recent.find((item) => item.id === w.interactionId)?.score).toMatchObject({ evaluationId: w.evaluationId, score: 100, passed: true });
    const revisionId = (await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", w.evaluationId).executeTakeFirstOrThrow()).current_revision_id ?? "";
    await thrown(() => post(w.agent, w.evaluationId, { intent: "acknowledge", revisionId }));
    expect((await homeLoader({ request: await getRequest(w.agent, "/"), params: {}, context: {} })).feedback?.waiting).toEqual({ awaiting: 0, overdue: 0 });
    expect((await homeLoader({ request: await getRequest(w.supervisor, "/"), params: {}, context: {} })).feedback).toBeNull();
  });
});

describe("who may open the feedback pages", () => {
  it("My feedback is the agent's: 403 for anyone else", async () => {
    const w = await world();
    const page = await feedbackLoader({ request: await getRequest(w.agent, "/feedback"), params: {}, context: {} });
    expect(page.items.map((item) => [item.evaluationId, item.awaitingAcknowledgement])).toEqual([[w.evaluationId, true]]);
    for (const viewer of [w.supervisor, w.qa, w.lead]) {
      expect(await thrown(async () => feedbackLoader({ request: await getRequest(viewer, "/feedback"), params: {}, context: {} }))).toMatchObject({ status: 403 });
    }
  });

  it("the acknowledgements list is for supervisors, QA leads and admins: 403 for agents and QA specialists, 400 for a bad link", async () => {
    const w = await world();
    expect((await loadList(w.lead)).items.map((item) => item.evaluationId)).toContain(w.evaluationId);
    expect((await loadList(await seedUser("admin"))).counts.awaiting).toBeGreaterThanOrEqual(1);
    expect((await loadList(w.outsideSupervisor)).counts).toEqual({ awaiting: 0, overdue: 0 });
    for (const viewer of [w.agent, w.qa]) expect(await thrown(() => loadList(viewer))).toMatchObject({ status: 403 });
    expect(await thrown(() => loadList(w.supervisor, "/acknowledgements?after=yesterday"))).toMatchObject({ status: 400 });
  });
});
