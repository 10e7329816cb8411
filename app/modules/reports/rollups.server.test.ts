/**
 * The incremental upkeep and the rebuild agree exactly (issue 14 §2): random programs of
 * submits, corrections, releases and voids run concurrently — several evaluations landing on
 * the same roll-up keys at once — on real PostgreSQL; afterwards every roll-up row, compared
 * as exact numeric text, equals what `report_rebuild()` recomputes from the rows. A deadlock
 * or a lost count fails the property.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedTeam, seedUser } from "../../../test/factories";
import { reviewDefinition } from "../../../test/evaluation-fixtures";
import { seedCorrection, seedEvaluation, seedVoid } from "../../../test/review-factories";
import { seedScorecard } from "../../../test/factories";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import type { Answer } from "../scorecards/scorecard-definition.schema";

const answersArbitrary = fc.record({
  greeting: fc.boolean().map((value): Answer => ({ value })),
  identity: fc.oneof(fc.boolean().map((value): Answer => ({ value })), fc.constant<Answer>({ na: true })),
  discovery: fc.integer({ min: 1, max: 5 }).map((value): Answer => ({ value })),
  outcome: fc.constantFrom("resolved", "next", "none").map((value): Answer => ({ value })),
});

type Step = { kind: "edit"; answers: Record<string, Answer> } | { kind: "release" } | { kind: "void" };

const programArbitrary = fc.record({
  /** Which of the prepared conversations (so several programs share a day, agent and team). */
  conversation: fc.nat({ max: 5 }),
  reviewer: fc.nat({ max: 1 }),
  answers: answersArbitrary,
  steps: fc.array(
    fc.oneof(answersArbitrary.map((answers): Step => ({ kind: "edit", answers })), fc.constant<Step>({ kind: "release" }), fc.constant<Step>({ kind: "void" })),
    { maxLength: 3 },
  ),
});

const tables = [
  "rollup_daily",
  "rollup_daily_questions",
  "rollup_team_daily",
  "rollup_team_weekly",
  "rollup_monthly",
  "rollup_monthly_questions",
  "rollup_review_team_daily",
  "rollup_review_team_weekly",
  "rollup_review_monthly",
  "rollup_agent_monthly_questions",
  "rollup_org_daily_questions",
  "rollup_org_weekly_questions",
  "rollup_org_monthly_questions",
  "rollup_review_org_daily_questions",
  "rollup_review_org_weekly_questions",
  "rollup_review_org_monthly_questions",
  "rollup_team_weekly_questions",
  "rollup_review_team_weekly_questions",
  "rollup_review_team_monthly_questions",
  "rollup_reviewer",
  "report_reviewer_evaluations",
] as const;

/** Every roll-up row as text, in a fixed order: exact numerics compare digit for digit. */
async function snapshot(): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table)} t ORDER BY 1`.execute(db());
    result[table] = rows.map((row) => row.row);
  }
  return result;
}

async function world() {
  const teams = [await seedTeam(), await seedTeam()];
  const agents = [await seedUser("agent", [teams[0]!.id]), await seedUser("agent", [teams[1]!.id])];
  const reviewers = [await seedUser("qa"), await seedUser("qa")];
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard({ definition: reviewDefinition });
  await db().updateTable("scorecards").set({ release_mode: "manual" }).where("id", "=", scorecard.id).execute();
  return { agents, teams, reviewers, lead, scorecard };
}

describe("roll-ups kept incrementally", () => {
  it("agree exactly with a rebuild after random concurrent submits, corrections, releases and voids", async () => {
    const w = await world();
    await fc.assert(
      fc.asyncProperty(fc.array(programArbitrary, { minLength: 2, maxLength: 8 }), async (programs) => {
        // Six conversation slots: two agents × (two on one day in one queue, one the next day in another).
        const slots = await insertInteractionRows(
          programs.map((program) => {
            const slot = program.conversation;
            const agent = slot % 2;
            return {
              agentId: w.agents[agent]!.id,
              teamId: w.teams[agent]!.id,
              startedAt: new Date(slot < 4 ? "2026-11-10T10:00:00Z" : "2026-12-01T10:00:00Z"),
              channel: slot < 4 ? "call" : "chat",
              queue: slot % 3 === 0 ? null : "billing",
            };
          }),
        );
        await Promise.all(
          programs.map(async (program, k) => {
            const { id } = await seedEvaluation({ reviewer: w.reviewers[program.reviewer]!, interactionId: slots[k]!, scorecardId: w.scorecard.id, answers: program.answers });
            let current = JSON.stringify(program.answers);
            let released = false;
            for (const step of program.steps) {
              if (step.kind === "void") {
                await seedVoid(w.lead, id, "Property test");
                return;
              }
              if (step.kind === "release" && !released) {
                await releaseEvaluation(db(), w.lead, id);
                released = true;
              }
              if (step.kind === "edit" && JSON.stringify(step.answers) !== current) {
                await seedCorrection(w.lead, id, { answers: step.answers, reason: "Property test" });
                current = JSON.stringify(step.answers);
              }
            }
          }),
        );
        const incremental = await snapshot();
        await sql`SELECT report_rebuild()`.execute(db());
        expect(await snapshot()).toEqual(incremental);
        const live = await db().selectFrom("evaluations").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "submitted").where("kind", "=", "review").executeTakeFirstOrThrow();
        const counted = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM rollup_monthly`.execute(db());
        expect(counted.rows[0]?.n).toBe(live.n);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
