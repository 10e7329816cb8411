/**
 * The report rows and roll-ups follow every path that changes what counts — submit,
 * correction, release, void — in the same transaction (docs/decisions/0023), on real
 * PostgreSQL. Figures from test/evaluation-fixtures.ts: failingAnswers score 71.9, the
 * correction 90.6.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, withOrganisationTimeZone } from "../../../test/factories";
import { correctedAnswers, failingAnswers, reviewWorld } from "../../../test/evaluation-fixtures";
import { seedCorrection, seedEvaluation, seedVoid } from "../../../test/review-factories";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";

async function questionRows(evaluationId: string) {
  const { rows } = await sql<{ question_id: string; section_id: string; q: string | null; weight: number; na: boolean; critical_failed: boolean; released: boolean }>`
    SELECT question_id, section_id, q::text, weight, na, critical_failed, released
    FROM report_question_results WHERE evaluation_id = ${evaluationId} ORDER BY question_id`.execute(db());
  return rows;
}

async function dailyRollup(scorecardId: string) {
  const { rows } = await sql<{ day: string; released: boolean; n: number; na: number; sum: string; sum_sq: string; passes: number; auto_fails: number }>`
    SELECT conversation_day::text AS day, released, n, na, sum_score::text AS sum, sum_score_sq::text AS sum_sq, passes, auto_fails
    FROM rollup_daily WHERE scorecard_id = ${scorecardId} ORDER BY conversation_day, released`.execute(db());
  return rows;
}

async function questionRollup(scorecardId: string) {
  const { rows } = await sql<{ question_id: string; released: boolean; n: number; na: number; sum: string; sum_sq: string; passes: number; critical_fails: number }>`
    SELECT split_part(question_key, '#', 1) AS question_id, released, n, na, sum_q::text AS sum, sum_q_sq::text AS sum_sq, passes, critical_fails
    FROM rollup_monthly_questions WHERE scorecard_id = ${scorecardId} ORDER BY question_key, released`.execute(db());
  return rows;
}

describe("report rows and roll-ups", () => {
  it("writes a submitted review's questions with exact q, follows a correction, flips on release and leaves on void", async () => {
    const w = await reviewWorld({ releaseMode: "manual" });
    const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: failingAnswers });

    // discovery 4 on 1–5 → 0.75; outcome "next" 1 of 2 points → 0.5; the text question has no row.
    expect(await questionRows(id)).toEqual([
      { question_id: "discovery", section_id: "resolution", q: "0.750000", weight: 1, na: false, critical_failed: false, released: false },
      { question_id: "greeting", section_id: "opening", q: "1.000000", weight: 1, na: false, critical_failed: false, released: false },
      { question_id: "identity", section_id: "opening", q: "1.000000", weight: 1, na: false, critical_failed: false, released: false },
      { question_id: "outcome", section_id: "resolution", q: "0.500000", weight: 1, na: false, critical_failed: false, released: false },
    ]);
    // 71.9² = 5169.61; the interaction started 2026-11-10 10:00 UTC (no organisation row: UTC).
    expect(await dailyRollup(w.scorecard.id)).toEqual([{ day: "2026-11-10", released: false, n: 1, na: 0, sum: "71.9", sum_sq: "5169.61", passes: 0, auto_fails: 0 }]);

    await seedCorrection(w.lead, id, { answers: correctedAnswers, reason: "Outcome was resolved" });
    expect((await questionRows(id)).find((row) => row.question_id === "outcome")?.q).toBe("1.000000");
    // 90.6² = 8208.36: the old score is taken away, not added to.
    expect(await dailyRollup(w.scorecard.id)).toEqual([{ day: "2026-11-10", released: false, n: 1, na: 0, sum: "90.6", sum_sq: "8208.36", passes: 1, auto_fails: 0 }]);
    expect((await questionRollup(w.scorecard.id)).find((row) => row.question_id === "outcome")).toEqual({
      question_id: "outcome",
      released: false,
      n: 1,
      na: 0,
      sum: "1.000000",
      sum_sq: "1.000000000000",
      passes: 1,
      critical_fails: 0,
    });

    await releaseEvaluation(db(), w.lead, id);
    expect((await questionRows(id)).every((row) => row.released)).toBe(true);
    expect(await dailyRollup(w.scorecard.id)).toEqual([{ day: "2026-11-10", released: true, n: 1, na: 0, sum: "90.6", sum_sq: "8208.36", passes: 1, auto_fails: 0 }]);

    await seedVoid(w.lead, id, "Wrong conversation");
    expect(await questionRows(id)).toEqual([]);
    expect(await dailyRollup(w.scorecard.id)).toEqual([]);
    expect(await questionRollup(w.scorecard.id)).toEqual([]);
  });

  it("adds evaluations up exactly, counts N/A and critical failures, and leaves self evaluations out", async () => {
    const w = await reviewWorld();
    const first = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: failingAnswers });
    // identity N/A: opening 100 from greeting alone; resolution 87.5 → 90.6; greeting "no" then fails: opening 0 → 65.6.
    await seedEvaluation({
      reviewer: w.otherQa,
      interactionId: w.secondId,
      scorecardId: w.scorecard.id,
      answers: { ...correctedAnswers, greeting: { value: false }, identity: { na: true } },
    });
    const rows = await dailyRollup(w.scorecard.id);
    // 71.9 + 65.6 = 137.5; 5169.61 + 4303.36 = 9472.97.
    expect(rows).toEqual([{ day: "2026-11-10", released: true, n: 2, na: 0, sum: "137.5", sum_sq: "9472.97", passes: 0, auto_fails: 0 }]);
    const identity = (await questionRollup(w.scorecard.id)).find((row) => row.question_id === "identity");
    expect(identity).toMatchObject({ n: 2, na: 1, sum: "1.000000", passes: 1 });

    // A self evaluation never counts (DESIGN.md "Self-evaluation"): the kind alone takes it out.
    await db().updateTable("evaluations").set({ kind: "self" }).where("id", "=", first.id).execute();
    expect(await dailyRollup(w.scorecard.id)).toEqual([{ day: "2026-11-10", released: true, n: 1, na: 0, sum: "65.6", sum_sq: "4303.36", passes: 0, auto_fails: 0 }]);
  });

  it("puts a critical failure in the question roll-up and the auto-fail in the evaluation roll-up", async () => {
    const w = await reviewWorld();
    await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: { ...failingAnswers, identity: { value: false } } });
    expect(await dailyRollup(w.scorecard.id)).toEqual([{ day: "2026-11-10", released: true, n: 1, na: 0, sum: "0.0", sum_sq: "0.00", passes: 0, auto_fails: 1 }]);
    expect((await questionRollup(w.scorecard.id)).find((row) => row.question_id === "identity")).toMatchObject({ n: 1, sum: "0.000000", passes: 0, critical_fails: 1 });
  });

  it("dates a conversation by the organisation's zone: 23:30 UTC on 10 November is the 11th in Auckland", async () => {
    const w = await reviewWorld();
    const [late] = await insertInteractionRows([{ agentId: w.agent.id, teamId: w.team.id, startedAt: new Date("2026-11-10T23:30:00Z"), channel: "call" }]);
    await withOrganisationTimeZone("Pacific/Auckland", async () => {
      await seedEvaluation({ reviewer: w.qa, interactionId: late as string, scorecardId: w.scorecard.id, answers: failingAnswers });
      expect((await dailyRollup(w.scorecard.id)).map((row) => row.day)).toEqual(["2026-11-11"]);
      const { rows } = await sql<{ month: string }>`SELECT month::text FROM rollup_monthly WHERE scorecard_id = ${w.scorecard.id}`.execute(db());
      expect(rows).toEqual([{ month: "2026-11-01" }]);
    });
  });
});
