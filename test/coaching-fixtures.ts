/**
 * A coaching world on real PostgreSQL (issue 15): team North with Ana (the agent to coach), her
 * peer Nick and Olga (coached on greeting elsewhere), team South with Sofia; Sam supervises North,
 * Stan supervises South; a QA specialist, a QA lead and an admin. Reviews by the QA specialist,
 * submitted through the real use cases so the roll-ups hold them, on conversations dated:
 *
 *   baseline (1–6 Nov 2026)         greeting                    discovery (1–5)
 *   Ana   6 conversations           no ×5, yes ×1  (16.7 %)     3 ×6     (50 %)
 *   Nick  6                          yes ×5, no ×1  (83.3 %)     5 ×6     (100 %)
 *   Olga  6                          no ×6          (0 %)        5 ×6
 *   after (2–6 Dec 2026)
 *   Ana   5                          yes ×4, no ×1  (80 %)       3 ×5
 *   Nick  5                          yes ×3, no ×2  (60 %)       5 ×5
 *   Olga  5                          no ×5          (0 %)        5 ×5
 *
 * The plan is started "now" = 1 Dec 2026 12:00 UTC (organisation zone UTC), so its baseline
 * window is 2 Sep – 30 Nov and its after window starts on 1 Dec.
 */
import { db } from "../app/lib/db.server";
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import { reviewDefinition } from "./evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "./factories";
import { seedEvaluation } from "./review-factories";

export const PLAN_NOW = new Date("2026-12-01T12:00:00Z");
export const AFTER_NOW = new Date("2026-12-10T12:00:00Z");

const answers = (greeting: boolean, discovery: number): Record<string, Answer> => ({
  greeting: { value: greeting },
  identity: { value: true },
  discovery: { value: discovery },
  outcome: { value: "resolved" },
});

export async function seedCoachingWorld() {
  const north = await seedTeam();
  const south = await seedTeam();
  const ana = await seedUser("agent", [north.id], { name: "Ana Coached" });
  const nick = await seedUser("agent", [north.id], { name: "Nick Peer" });
  const olga = await seedUser("agent", [north.id], { name: "Olga Elsewhere" });
  const sofia = await seedUser("agent", [south.id], { name: "Sofia South" });
  const sam = await seedUser("supervisor", [north.id], { name: "Sam Supervisor" });
  const stan = await seedUser("supervisor", [south.id], { name: "Stan South" });
  const qa = await seedUser("qa", [], { name: "Quinn Reviewer" });
  const lead = await seedUser("qa_lead", [], { name: "Lee Lead" });
  const admin = await seedUser("admin", [], { name: "Ada Admin" });
  const scorecard = await seedScorecard({ definition: reviewDefinition });
  const other = await seedScorecard({ definition: reviewDefinition });
  return { north, south, ana, nick, olga, sofia, sam, stan, qa, lead, admin, scorecard, other };
}
export type CoachingWorld = Awaited<ReturnType<typeof seedCoachingWorld>>;

/** Reviews of `agent`'s conversations on the given days, one per (greeting, discovery) pair. */
export async function seedReviews(world: CoachingWorld, agent: { id: string }, teamId: string, firstDay: string, scores: [boolean, number][]): Promise<string[]> {
  const start = new Date(`${firstDay}T10:00:00Z`);
  const ids = await insertInteractionRows(scores.map((_, k) => ({ agentId: agent.id, teamId, startedAt: new Date(start.getTime() + k * 86_400_000), channel: "call" as const })));
  const evaluations: string[] = [];
  for (const [k, [greeting, discovery]] of scores.entries()) {
    evaluations.push((await seedEvaluation({ reviewer: world.qa, interactionId: ids[k]!, scorecardId: world.scorecard.id, answers: answers(greeting, discovery) })).id);
  }
  return evaluations;
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

export async function seedBaselines(world: CoachingWorld): Promise<{ ana: string[] }> {
  const ana = await seedReviews(world, world.ana, world.north.id, "2026-11-01", [...repeat<[boolean, number]>([false, 3], 5), [true, 3]]);
  await seedReviews(world, world.nick, world.north.id, "2026-11-01", [...repeat<[boolean, number]>([true, 5], 5), [false, 5]]);
  await seedReviews(world, world.olga, world.north.id, "2026-11-01", repeat<[boolean, number]>([false, 5], 6));
  return { ana };
}

export async function seedAfter(world: CoachingWorld): Promise<void> {
  await seedReviews(world, world.ana, world.north.id, "2026-12-02", [...repeat<[boolean, number]>([true, 3], 4), [false, 3]]);
  await seedReviews(world, world.nick, world.north.id, "2026-12-02", [...repeat<[boolean, number]>([true, 5], 3), [false, 5], [false, 5]]);
  await seedReviews(world, world.olga, world.north.id, "2026-12-02", repeat<[boolean, number]>([false, 5], 5));
}

/** The reports' key of a question of the review scorecard (id + meaning fingerprint). */
export async function criterionKey(scorecardId: string, questionId: string): Promise<string> {
  const { scorecardCriteria } = await import("../app/modules/coaching/scorecard-criteria.server");
  const criteria = await scorecardCriteria(db(), scorecardId);
  const found = criteria?.criteria.find((c) => c.questionId === questionId);
  if (!found) throw new Error(`no question ${questionId}`);
  return found.questionKey;
}
