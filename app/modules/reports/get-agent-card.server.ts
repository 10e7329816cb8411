/**
 * The agent card (issue 14 §3; decision 0027): one agent over the filter range — the quality
 * score with its interval, n and pass rate, its trend by week or month with intervals, every
 * criterion against the team's, the recent evaluations behind it, and their disputes with the
 * outcomes. Scoped as every report: QA, leads and admins any agent; a supervisor the agents of
 * their teams; an agent only themselves (anyone else 404), counting only what was released to
 * them. Besides their own figures an agent sees only the team's mean — overall and per
 * criterion — and only where it rests on at least TEAM_MEAN_MIN_N evaluations (released ones:
 * the figures an agent sees count only those), without its interval or n.
 *
 * Beside quality, the customer's side (issue 14 §8, decision 0029): the agent's mean CSAT with
 * its responses and mean handling time, and the team's for comparison. An agent sees the team's
 * under the same rule (decision 0034): the mean alone, from TEAM_MEAN_MIN_N CSAT responses (for
 * CSAT) or conversations with a duration (for handling time).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { interactionScope } from "../access/permissions";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import { listDisputes } from "../disputes/list-disputes.server";
import type { DisputeState } from "../disputes/dispute-states";
import type { Viewer } from "../users/roles";
import { byScorecardOrder, criterionLabels, type CriterionLabel } from "./criterion-labels.server";
import type { TrendPoint } from "./get-team-report.server";
import { NARROW_TO_POINTS, TEAM_MEAN_MIN_N } from "./narrowing";
import { queryCustomerTotals, type CustomerKpiPoint } from "./query-customer-kpis.server";
import { queryQuality } from "./query-quality.server";
import { queryQuestionTotals, queryScoreTotals, type RangeFilters, type TotalsScope } from "./query-range-totals.server";
import { reportTeamsFor, type ReportTeam } from "./report-teams.server";
import { moreReviewsNeeded, type Interval, type MeanEstimate, type RateEstimate } from "./statistics";
import { compareCriteria, weakestCriteria, type CriterionComparison } from "./weakest-criteria";

export const RECENT_EVALUATIONS = 10;
export const RECENT_DISPUTES = 10;

export type AgentCardInput = RangeFilters & { agentId: string; period: "week" | "month" };

/** A team figure beside the agent's: for an agent viewer the mean alone (interval and n withheld). */
export interface TeamFigure {
  mean: number;
  n: number | null;
  interval: Interval | null;
}

export interface CardCriterion extends Omit<CriterionComparison, "team"> {
  label: CriterionLabel | null;
  team: TeamFigure | null;
}

export interface CardTrendPoint extends TrendPoint {
  interval: Interval | null;
}

export interface AgentCard {
  agent: { id: string; name: string };
  /** The team the agent is compared with: the filter's, else the agent's first visible team. */
  team: ReportTeam | null;
  filters: AgentCardInput;
  n: number;
  score: MeanEstimate | null;
  passRate: RateEstimate | null;
  moreReviews: number | null;
  teamScore: TeamFigure | null;
  /** The agent's CSAT and handling time over the range; null without conversations. */
  customer: CustomerKpiPoint | null;
  /** The team's, as the viewer may see them (teamFigure's rule). */
  teamCustomer: { csat: TeamFigure | null; handlingSeconds: TeamFigure | null };
  trend: CardTrendPoint[];
  criteria: CardCriterion[];
  weakest: CardCriterion[];
  recent: { evaluationId: string; conversationAt: Date; scorecardName: string; score: number | null; passed: boolean; autoFailed: boolean; released: boolean }[];
  disputes: { id: string; evaluationId: string; state: DisputeState; raisedAt: Date; questionCount: number }[];
}

function teamFigure(estimate: MeanEstimate | null, agentViewer: boolean): TeamFigure | null {
  if (estimate === null) return null;
  if (!agentViewer) return { mean: estimate.mean, n: estimate.n, interval: estimate.interval };
  return estimate.n >= TEAM_MEAN_MIN_N ? { mean: estimate.mean, n: null, interval: null } : null;
}

export async function getAgentCard(db: Database, viewer: Viewer, input: AgentCardInput, now: Date): Promise<AgentCard> {
  await assertReportFiltersVisible(db, viewer, input);
  const agent = await db.selectFrom("users").select(["id", "name"]).where("id", "=", input.agentId).where("role", "=", "agent").executeTakeFirst();
  if (!agent) throw notFound("Agent");
  const agentViewer = interactionScope(viewer).kind === "own";

  // The team to compare with: the filter's, else the first of the agent's teams the viewer sees.
  const visibleTeams = await reportTeamsFor(db, viewer);
  const agentTeams = new Set((await db.selectFrom("team_members").select("team_id").where("user_id", "=", agent.id).where("kind", "=", "agent").execute()).map((row) => row.team_id));
  const team = input.teamId !== undefined ? (visibleTeams.find((t) => t.id === input.teamId) ?? null) : (visibleTeams.find((t) => agentTeams.has(t.id)) ?? null);

  const own = { viewer };
  const teamScope: TotalsScope = agentViewer && team ? { releasedTeam: team.id } : own;
  const teamFilters = team ? { ...input, agentId: undefined, teamId: team.id } : null;
  const [totals, questions, teamTotals, teamQuestions, trend, recent, disputes, customer, teamCustomer] = await Promise.all([
    queryScoreTotals(db, own, input, "agent"),
    queryQuestionTotals(db, own, input, "agent"),
    teamFilters ? queryScoreTotals(db, teamScope, teamFilters, "team") : [],
    teamFilters ? queryQuestionTotals(db, teamScope, teamFilters, "team") : [],
    queryQuality(db, viewer, { ...input, groupBy: "agent" }),
    recentEvaluations(db, viewer, input),
    listDisputes(db, viewer, { status: "all", overdueOnly: false, agentId: agent.id, limit: 200, now }),
    queryCustomerTotals(db, own, input, "agent"),
    teamFilters ? queryCustomerTotals(db, teamScope, teamFilters, "team") : [],
  ]);
  const [row] = totals;
  const labels = await criterionLabels(db, [...new Set(questions.map((question) => question.scorecardId))]);
  // Per criterion the team's figure is what the viewer may see of it; "weakest" compares with
  // exactly that, so an agent's weakest criterion never rests on a mean they may not see.
  const compared = compareCriteria(questions, agentViewer ? teamQuestions.filter((q) => q.n - q.na >= TEAM_MEAN_MIN_N) : teamQuestions);
  const criteria = compared
    .map((criterion): CardCriterion => ({ ...criterion, label: labels.get(criterion.key) ?? null, team: teamFigure(criterion.team, agentViewer) }))
    .sort((a, b) => byScorecardOrder(a.label, b.label));
  return {
    agent,
    team,
    filters: input,
    n: row?.n ?? 0,
    score: row?.score ?? null,
    passRate: row?.passRate ?? null,
    moreReviews: row?.score ? moreReviewsNeeded(row.score, NARROW_TO_POINTS) : null,
    teamScore: teamFigure(teamTotals[0]?.score ?? null, agentViewer),
    customer: customer.find((point) => point.groupId === agent.id) ?? null,
    teamCustomer: { csat: teamFigure(teamCustomer[0]?.csat ?? null, agentViewer), handlingSeconds: teamFigure(teamCustomer[0]?.handlingSeconds ?? null, agentViewer) },
    trend: trend.map((point) => ({ periodStart: point.periodStart, n: point.n, mean: point.score?.mean ?? null, interval: point.score?.interval ?? null })),
    criteria,
    weakest: weakestCriteria(compared).flatMap((weak) => criteria.filter((criterion) => criterion.key === weak.key)),
    recent,
    disputes: disputes.items
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime())
      .slice(0, RECENT_DISPUTES)
      .map((dispute) => ({ id: dispute.id, evaluationId: dispute.evaluationId, state: dispute.state, raisedAt: dispute.raisedAt, questionCount: dispute.questionCount })),
  };
}

/** The agent's latest counting evaluations in the range, newest conversation first (the viewer's scope). */
async function recentEvaluations(db: Database, viewer: Viewer, input: AgentCardInput) {
  const day = input.dateBasis === "review" ? sql.ref("s.review_day") : sql.ref("s.conversation_day");
  let query = db
    .selectFrom("report_evaluations as s")
    .innerJoin("scorecards", "scorecards.id", "s.scorecard_id")
    .select(["s.evaluation_id", "s.conversation_at", "scorecards.name", "s.score", "s.passed", "s.auto_failed", "s.released"])
    .where(reportRowsVisibleTo(viewer, "s"))
    .where("s.agent_id", "=", input.agentId)
    .where(sql<boolean>`${day} BETWEEN ${input.from}::date AND ${input.to}::date`);
  if (input.teamId) query = query.where("s.team_id", "=", input.teamId);
  if (input.scorecardId) query = query.where("s.scorecard_id", "=", input.scorecardId);
  if (input.channel) query = query.where("s.channel", "=", input.channel);
  if (input.queue) query = query.where("s.queue", "=", input.queue);
  const rows = await query.orderBy("s.conversation_at", "desc").orderBy("s.evaluation_id").limit(RECENT_EVALUATIONS).execute();
  return rows.map((row) => ({
    evaluationId: row.evaluation_id,
    conversationAt: row.conversation_at,
    scorecardName: row.name,
    score: row.score === null ? null : Number(row.score),
    passed: row.passed,
    autoFailed: row.auto_failed,
    released: row.released,
  }));
}
