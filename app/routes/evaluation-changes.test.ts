/**
 * Correcting and voiding from the evaluation page as Remix calls it, on real PostgreSQL
 * (docs/decisions/0020): the history the page shows (each revision, who, why, the score and
 * the answers changed, named by question), the lead's forms and their refusals — which keep
 * what was typed — and a void evaluation shown as void, without a score, to everyone who saw it.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { correctedAnswers, submittedReviewWorld } from "../../test/evaluation-fixtures";
import { seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { action, loader } from "./evaluations.$evaluationId";

const load = async (viewer: { id: string }, evaluationId: string) =>
  loader({ request: await getRequest(viewer, `/evaluations/${evaluationId}`), params: { evaluationId }, context: {} });
const post = async (viewer: { id: string }, evaluationId: string, fields: Record<string, string>) =>
  action({ request: await postRequest(viewer, `/evaluations/${evaluationId}`, fields), params: { evaluationId }, context: {} });


describe("the history and the lead's corrections on the evaluation page", () => {
  it("offers Correct and Void to QA leads only, and shows the history of revisions with what changed", async () => {
    const w = await submittedReviewWorld();
    expect((await load(w.lead, w.evaluationId)).canChange).toBe(true);
    for (const viewer of [w.qa, w.supervisor, w.agent, await seedUser("admin")]) expect((await load(viewer, w.evaluationId)).canChange).toBe(false);
    expect((await load(w.supervisor, w.evaluationId)).history).toEqual([
      expect.objectContaining({ sequence: 1, title: "Submitted", actorName: w.qa.name, reason: null, score: "71.9", verdict: "Fail", scoreBefore: null, changes: [], current: true }),
    ]);

    const saved = await thrown(() => post(w.lead, w.evaluationId, { intent: "correct", answers: JSON.stringify(correctedAnswers), reason: "Customer confirmed the fix", revision: "2" }));
    expect(saved).toEqual({ status: 302, location: `/evaluations/${w.evaluationId}?corrected=2` });

    const page = await load(w.agent, w.evaluationId);
    expect(page.evaluation).toMatchObject({ status: "submitted", score: 90.6, passed: true, revision: 3 });
    expect(page.history).toEqual([
      expect.objectContaining({ sequence: 1, title: "Submitted", score: "71.9", current: false }),
      expect.objectContaining({
        sequence: 2,
        title: "Corrected",
        actorName: w.lead.name,
        reason: "Customer confirmed the fix",
        score: "90.6",
        verdict: "Pass",
        scoreBefore: "71.9",
        verdictBefore: "Fail",
        changes: [{ questionId: "outcome", prompt: "Outcome", before: "Next steps", after: "Resolved" }],
        current: true,
      }),
    ]);
  });

  it("refuses a correction without a reason (422, answers and reason kept), from a QA specialist (403) and for an unseen evaluation (404)", async () => {
    const w = await submittedReviewWorld();
    const fields = { intent: "correct", answers: JSON.stringify(correctedAnswers), reason: " ", revision: "2" };
    const noReason = await post(w.lead, w.evaluationId, fields);
    expect(returned(noReason)).toMatchObject({ status: 422, fieldErrors: { reason: "Give the reason for this change" } });
    expect((noReason as unknown as { data: { values: Record<string, string> } }).data.values).toMatchObject({ answers: fields.answers, reason: " " });
    expect(returned(await post(w.qa, w.evaluationId, { ...fields, reason: "x" }))).toMatchObject({ status: 403, message: expect.stringContaining("Only QA leads") as string });
    expect(returned(await post(w.outsideSupervisor, w.evaluationId, { ...fields, reason: "x" })).status).toBe(404);
    expect(returned(await post(w.lead, w.evaluationId, { ...fields, answers: "{not json", reason: "x" })).fieldErrors).toEqual({ answers: "The answers could not be read; reload the page" });
    expect((await load(w.lead, w.evaluationId)).history).toHaveLength(1);
  });

  it("voids: the page shows it as void with who and why, offers nothing more, and a second void is a 409 with a message", async () => {
    const w = await submittedReviewWorld();
    expect(await thrown(() => post(w.lead, w.evaluationId, { intent: "void", reason: "Scored against the wrong call", revision: "2" }))).toEqual({
      status: 302,
      location: `/evaluations/${w.evaluationId}?voided=1`,
    });
    for (const viewer of [w.lead, w.supervisor, w.agent]) {
      const page = await load(viewer, w.evaluationId);
      expect(page.evaluation.status).toBe("void");
      expect(page.voided).toMatchObject({ byName: w.lead.name, reason: "Scored against the wrong call" });
      expect(page).toMatchObject({ canChange: false, canRelease: false });
    }
    const again = returned(await post(w.lead, w.evaluationId, { intent: "void", reason: "Again", revision: "3" }));
    expect(again).toEqual({ status: 409, message: "This evaluation is void: it no longer counts and cannot be voided.", fieldErrors: {} });
    const count = await db().selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("entity_id", "=", w.evaluationId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
