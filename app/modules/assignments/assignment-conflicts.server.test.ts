/**
 * Work for a scorecard is handed out once: an ad hoc evaluation queues behind the same lock a
 * sampling run holds, and a manual assignment refuses an interaction that was already reviewed.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { seedEvaluation } from "../../../test/review-factories";
import { seedScorecard } from "../../../test/factories";
import { db } from "../../lib/db.server";
import { openEvaluation } from "../evaluations/open-evaluation.server";
import { assignInteraction } from "./assign-interaction.server";
import { lockScorecardAssignments } from "./lock-scorecard.server";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);

/** Someone in this database waits for an advisory lock (pg_locks spans the whole server). */
const waitingForAdvisoryLock = async () =>
  (
    await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db())
  ).rows[0]!.waiting > 0;

describe("starting an ad hoc evaluation", () => {
  it("waits while a run holds the scorecard's lock, so the run never reads the interaction as free", async () => {
    const w = await reviewWorld();
    let lockTaken!: () => void;
    let finishRun!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const finished = new Promise<void>((resolve) => (finishRun = resolve));
    // Stands in for a sampling run: holds the lock while it assigns the interaction to someone else.
    const run = db()
      .transaction()
      .execute(async (trx) => {
        await lockScorecardAssignments(trx, w.scorecard.id);
        lockTaken();
        await finished;
        await trx
          .insertInto("assignments")
          .values({ interaction_id: w.interactionId, scorecard_id: w.scorecard.id, reviewer_id: w.otherQa.id, due_at: inHours(24) })
          .execute();
      });
    await taken;

    const opening = openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    const drafts = () => db().selectFrom("evaluations").select("id").where("interaction_id", "=", w.interactionId).execute();
    try {
      await expect.poll(waitingForAdvisoryLock, { timeout: 5_000 }).toBe(true);
      expect(await drafts()).toEqual([]);
    } finally {
      finishRun();
      await run;
    }
    const { evaluationId } = await opening;
    expect((await drafts()).map((row) => row.id)).toEqual([evaluationId]);
  });
});

describe("manual assignment of an interaction already reviewed", () => {
  it("is refused with 409 naming the reviewer, for that scorecard only", async () => {
    const w = await reviewWorld();
    await seedEvaluation({ reviewer: w.otherQa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
    const input = { interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(24) };

    const refused = await refusal(assignInteraction(db(), w.lead, input));
    expect(refused.status).toBe(409);
    expect(refused.message).toBe(`This interaction was already reviewed with that scorecard by ${w.otherQa.name}. Read that review, or choose another scorecard.`);
    expect(await db().selectFrom("assignments").select("id").where("interaction_id", "=", w.interactionId).execute()).toEqual([]);

    // Another scorecard is another review; a draft nobody submitted does not block either.
    await assignInteraction(db(), w.lead, { ...input, scorecardId: (await seedScorecard()).id });
    await openEvaluation(db(), w.otherQa, { interactionId: w.secondId, scorecardId: w.scorecard.id });
    await assignInteraction(db(), w.lead, { ...input, interactionId: w.secondId });
  });
});
