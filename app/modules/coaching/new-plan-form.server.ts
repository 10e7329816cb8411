/**
 * What the "new coaching plan" page needs (issue 15 §1): the agent (404 outside the coach's
 * teams), the scorecards to choose from (the one the agent was most reviewed on in the baseline
 * window first), and each criterion of the chosen scorecard with the agent's and the team's mean
 * over that window, the suggested ones marked with their reason.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { assertMayCoachAgent } from "../access/coaching-scope.server";
import { listPublishedScorecards, type ScorecardOption } from "../scorecards/list-published-scorecards.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { BASELINE_DAYS, coachingDays } from "./coaching-days";
import { criterionSums } from "./criterion-figures.server";
import { scorecardCriteria } from "./scorecard-criteria.server";
import { suggestCriteria, type CriterionStanding } from "./suggest";
import type { Sums } from "../reports/statistics";

export interface NewPlanForm {
  agent: { id: string; name: string; teamId: string | null };
  scorecards: ScorecardOption[];
  scorecardId: string | null;
  window: { from: string; to: string; label: string };
  today: string;
  criteria: CriterionStanding[];
}

export async function getNewPlanForm(db: Database, viewer: Viewer, input: { agentId: string; scorecardId?: string | null }, now: Date): Promise<NewPlanForm> {
  const agent = await assertMayCoachAgent(db, viewer, input.agentId);
  const { timeZone } = await getOrganisation(db);
  const days = coachingDays(now, timeZone);
  const window = { from: days.baselineFrom, to: days.baselineTo, label: `last ${BASELINE_DAYS} days` };
  const scorecards = await listPublishedScorecards(db);
  let scorecardId = input.scorecardId ?? null;
  if (scorecardId && !scorecards.some((s) => s.id === scorecardId)) throw notFound("Scorecard");
  if (!scorecardId) {
    const most = await sql<{ scorecard_id: string }>`
      SELECT scorecard_id FROM report_evaluations
      WHERE agent_id = ${agent.id} AND conversation_day BETWEEN ${window.from}::date AND ${window.to}::date
      GROUP BY scorecard_id ORDER BY count(*) DESC, scorecard_id LIMIT 1`.execute(db);
    scorecardId = scorecards.find((s) => s.id === most.rows[0]?.scorecard_id)?.id ?? scorecards[0]?.id ?? null;
  }
  const base = { agent, scorecards, scorecardId, window, today: days.today };
  if (!scorecardId) return { ...base, criteria: [] };
  return { ...base, criteria: (await criterionStandings(db, agent, scorecardId, window)) ?? [] };
}

/**
 * Every criterion of the scorecard with the agent's and the team's mean over the window, the
 * suggested ones with their reason; null for a scorecard that is not published.
 */
export async function criterionStandings(
  db: Database,
  agent: { id: string; name: string; teamId: string | null },
  scorecardId: string,
  window: { from: string; to: string; label: string },
): Promise<CriterionStanding[] | null> {
  const scorecard = await scorecardCriteria(db, scorecardId);
  if (!scorecard) return null;
  const keys = scorecard.criteria.map((c) => c.questionKey);
  const query = { scorecardId, questionKeys: keys, from: window.from, to: window.to };
  const own = await criterionSums(db, query, { agentId: agent.id });
  const team = agent.teamId ? await criterionSums(db, query, { teamId: agent.teamId, exceptAgentId: agent.id, uncoached: null }) : new Map<string, Sums>();
  const empty = { n: 0, sum: 0, sumSquares: 0, centredSquares: 0 };
  return suggestCriteria(
    scorecard.criteria.map((c) => ({ questionKey: c.questionKey, prompt: c.prompt, agent: own.get(c.questionKey) ?? empty, team: team.get(c.questionKey) ?? empty })),
    agent.name,
    window.label,
  );
}
