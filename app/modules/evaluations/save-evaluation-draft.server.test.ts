/**
 * "Keep mine and overwrite" from two tabs at once, on real PostgreSQL: each overwrite reads the
 * revision it saves over under the draft's row lock (loadDraftForUpdate), so two of them that
 * arrive while a third save holds the row go one after the other. Read before the lock, both
 * would save the same next revision and one tab's save would vanish unseen.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { evaluationInputSchema } from "./evaluation-input.schema";
import { openEvaluation } from "./open-evaluation.server";
import { saveEvaluationDraft } from "./save-evaluation-draft.server";

const tab = (answers: unknown, revision: number, feedbackText: string) =>
  evaluationInputSchema.parse({ answers, revision, feedback: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: feedbackText }] }] } });

/** Until `count` statements of this database wait for a lock (the overwrites queued behind the row lock). */
async function lockWaiters(count: number): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db());
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("Keep mine and overwrite, from two tabs at once", () => {
  it("saves both over a newer draft one after the other: every save gets its own revision, and the draft is one tab's whole", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    expect((await saveEvaluationDraft(db(), w.qa, evaluationId, tab(fullMarks, 1, "First save"))).revision).toBe(2);

    // A third tab is saving revision 3 and holds the row while both tabs press "Keep mine and overwrite" on revision 2.
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let finish!: () => void;
    const mayFinish = new Promise<void>((resolve) => (finish = resolve));
    const thirdTab = db()
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom("evaluations").select("id").where("id", "=", evaluationId).forUpdate().execute();
        locked();
        await mayFinish;
        await trx.updateTable("evaluations").set({ answers: JSON.stringify({ greeting: { value: false } }), revision: 3 }).where("id", "=", evaluationId).execute();
      });
    await isLocked;

    const tabA = tab({ ...fullMarks, discovery: { value: 2, comment: "Tab A: asked one question" } }, 2, "Tab A's feedback");
    const tabB = tab({ ...fullMarks, outcome: { value: "next", comment: "Tab B: agreed next steps" } }, 2, "Tab B's feedback");
    const savingA = saveEvaluationDraft(db(), w.qa, evaluationId, tabA, { overwrite: true });
    const savingB = saveEvaluationDraft(db(), w.qa, evaluationId, tabB, { overwrite: true });
    await lockWaiters(2);
    finish();
    await thirdTab;
    const [savedA, savedB] = await Promise.all([savingA, savingB]);

    // Neither overwrite saved over the same revision as the other: 3 → 4 → 5, in whichever order the lock let them.
    expect([savedA.revision, savedB.revision].sort()).toEqual([4, 5]);
    const last = savedA.revision === 5 ? tabA : tabB;
    const row = await db().selectFrom("evaluations").select(["revision", "answers", "feedback", "status"]).where("id", "=", evaluationId).executeTakeFirstOrThrow();
    // The draft is the later tab's answers and feedback together, not a mix of the two.
    expect(row).toEqual({ revision: 5, answers: last.answers, feedback: last.feedback, status: "draft" });
  });
});
