/**
 * The team page (issue 14 §3; decision 0027): for one team over the filter range, each agent's
 * quality score with its interval and n, pass rate, weekly trend, weakest criteria against the
 * team, rank range, and how many more reviews would narrow the interval to ±5 points; and the
 * team's own figures; beside them the customer's side (issue 14 §8, decision 0029): CSAT with
 * its responses and handling time, over every conversation of the agent in the team. Supervisors pick among their teams (the first by name by default), QA,
 * leads and admins among all; a team outside the viewer's scope is 404. Agents have no team
 * page (403): they see their own card, with the team's mean on it.
 */
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { interactionScope } from "../access/permissions";
import { assertReportFiltersVisible } from "../access/report-scope.server";
import { assertCan, forbidden } from "../access/refusals";
import type { Viewer } from "../users/roles";
import { criterionLabels, type CriterionLabel } from "./criterion-labels.server";
import { queryCustomerTotals, type CustomerKpiPoint } from "./query-customer-kpis.server";
import { queryQuality } from "./query-quality.server";
import { queryQuestionTotals, queryScoreTotals, type RangeFilters, type ScoreTotals } from "./query-range-totals.server";
import { NARROW_TO_POINTS } from "./narrowing";
import { rankRanges, type RankRange } from "./rank-ranges";
import { reportTeamsFor, type ReportTeam } from "./report-teams.server";
import { moreReviewsNeeded, type MeanEstimate, type RateEstimate } from "./statistics";
import { compareCriteria, weakestCriteria, type CriterionComparison } from "./weakest-criteria";


export type TeamReportInput = Omit<RangeFilters, "agentId">;

export interface TrendPoint {
  periodStart: string;
  n: number;
  mean: number | null;
}

export interface WeakCriterion extends CriterionComparison {
  label: CriterionLabel | null;
}

export interface AgentRow {
  agentId: string;
  name: string;
  n: number;
  score: MeanEstimate | null;
  passRate: RateEstimate | null;
  /** Weekly means over the range, for the sparkline. */
  trend: TrendPoint[];
  weakest: WeakCriterion[];
  /** Null: unranked (no interval: fewer than two scored evaluations). */
  rank: RankRange | null;
  /** More reviews for ±NARROW_TO_POINTS; 0 when already there; null without a spread yet. */
  moreReviews: number | null;
  /** CSAT and handling time over the range; null without conversations in the team. */
  customer: CustomerKpiPoint | null;
}

export interface TeamReport {
  /** Null only for a viewer with no team at all (a supervisor who leads none yet): an empty page. */
  team: ReportTeam | null;
  teams: ReportTeam[];
  filters: TeamReportInput;
  teamFigures: Omit<ScoreTotals, "groupId"> | null;
  teamCustomer: CustomerKpiPoint | null;
  agents: AgentRow[];
}

/** Agents of the team now, and anyone with evaluations in it over the range (moved since). */
async function agentNames(db: Database, teamId: string, withFigures: readonly string[]): Promise<Map<string, string>> {
  const members = await db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select(["users.id", "users.name"])
    .where("team_members.team_id", "=", teamId)
    .where("team_members.kind", "=", "agent")
    .where("users.active", "=", true)
    .execute();
  const others = withFigures.length ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...withFigures]).execute() : [];
  return new Map([...members, ...others].map((user) => [user.id, user.name]));
}

export async function getTeamReport(db: Database, viewer: Viewer, input: Omit<TeamReportInput, "teamId"> & { teamId?: string | undefined }): Promise<TeamReport> {
  assertCan(viewer, "reports:view");
  if (interactionScope(viewer).kind === "own") {
    // Not visible comes first (a guessed team answers as a missing one); their own team is refused.
    if (input.teamId !== undefined && !viewer.teamIds.includes(input.teamId)) throw notFound("Team");
    throw forbidden("Agents see their own card, not the team page.");
  }
  const teams = await reportTeamsFor(db, viewer);
  if (input.teamId === undefined && teams.length === 0) return { team: null, teams, filters: { ...input, teamId: undefined }, teamFigures: null, teamCustomer: null, agents: [] };
  const team = input.teamId === undefined ? teams[0] : teams.find((candidate) => candidate.id === input.teamId);
  if (!team) throw notFound("Team");
  const filters = { ...input, teamId: team.id };
  await assertReportFiltersVisible(db, viewer, filters);
  const scope = { viewer };
  const [teamTotals, agentTotals, teamQuestions, agentQuestions, weekly, teamCustomer, agentCustomer] = await Promise.all([
    queryScoreTotals(db, scope, filters, "team"),
    queryScoreTotals(db, scope, filters, "agent"),
    queryQuestionTotals(db, scope, filters, "team"),
    queryQuestionTotals(db, scope, filters, "agent"),
    queryQuality(db, viewer, { ...filters, groupBy: "agent", period: "week" }),
    queryCustomerTotals(db, scope, filters, "team"),
    queryCustomerTotals(db, scope, filters, "agent"),
  ]);
  const customerOf = new Map(agentCustomer.map((point) => [point.groupId, point]));
  const names = await agentNames(db, team.id, agentTotals.map((row) => row.groupId));
  const labels = await criterionLabels(db, [...new Set(agentQuestions.map((row) => row.scorecardId))]);
  const totalsOf = new Map(agentTotals.map((row) => [row.groupId, row]));
  const ranks = rankRanges(agentTotals.map((row) => ({ id: row.groupId, interval: row.score?.interval ?? null })));

  const agents = [...names.entries()].map(([agentId, name]): AgentRow => {
    const totals = totalsOf.get(agentId);
    const compared = compareCriteria(
      agentQuestions.filter((row) => row.groupId === agentId),
      teamQuestions,
    );
    return {
      agentId,
      name,
      n: totals?.n ?? 0,
      score: totals?.score ?? null,
      passRate: totals?.passRate ?? null,
      trend: weekly.filter((point) => point.groupId === agentId).map((point) => ({ periodStart: point.periodStart, n: point.n, mean: point.score?.mean ?? null })),
      weakest: weakestCriteria(compared).map((criterion) => ({ ...criterion, label: labels.get(criterion.key) ?? null })),
      rank: ranks.get(agentId) ?? null,
      moreReviews: totals?.score ? moreReviewsNeeded(totals.score, NARROW_TO_POINTS) : null,
      customer: customerOf.get(agentId) ?? null,
    };
  });
  // Best first; agents without a score after, by name.
  agents.sort((a, b) => (b.score?.mean ?? -Infinity) - (a.score?.mean ?? -Infinity) || a.name.localeCompare(b.name));
  const [teamRow] = teamTotals;
  return {
    team,
    teams,
    filters,
    teamFigures: teamRow ? { n: teamRow.n, score: teamRow.score, passRate: teamRow.passRate, autoFailRate: teamRow.autoFailRate } : null,
    teamCustomer: teamCustomer[0] ?? null,
    agents,
  };
}
