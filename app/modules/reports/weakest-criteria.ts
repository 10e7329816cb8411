/**
 * An agent's criteria against the team's, and the weakest of them (issue 14 §3; decision 0027).
 * Per criterion (a scorecard's question, by its report key) the agent's mean q and the team's, both in points (q × 100,
 * as the page prints a score), each with its t interval. The weakest criteria are those where
 * the agent's mean lies furthest below the team's, among the questions the agent has at least
 * MIN_CRITERION_REVIEWS scored answers on: fewer would name a "weakness" from one bad call.
 * The team's mean includes the agent (it is "the team", as the team page shows it).
 * Pure: no I/O. The coaching issue suggests focus criteria from the same function.
 */
import { meanEstimate, sumsFromNumeric, type MeanEstimate } from "./statistics";

/** Scored answers (not N/A) an agent needs on a question before it can be called weak. */
export const MIN_CRITERION_REVIEWS = 3;
/** How many weakest criteria the team page names per agent. */
export const WEAKEST_SHOWN = 2;

/** What the question roll-ups hold for one group and question over a range. */
export interface QuestionSums {
  /** The criterion: a scorecard and a question's report key (the same id may be on two scorecards). */
  key: string;
  /** Answers counted, N/A included. */
  n: number;
  na: number;
  /** Σq and Σq² as exact numeric text. */
  sumQ: string;
  sumQSquares: string;
  /** Answers with q ≥ 0.5. */
  passes: number;
}

/** A mean of q as points: the mean, spread and interval times 100. */
export function inPoints(estimate: MeanEstimate | null): MeanEstimate | null {
  if (estimate === null) return null;
  const times = (value: number | null) => (value === null ? null : value * 100);
  return {
    n: estimate.n,
    mean: estimate.mean * 100,
    sd: times(estimate.sd),
    halfWidth: times(estimate.halfWidth),
    interval: estimate.interval ? { low: estimate.interval.low * 100, high: estimate.interval.high * 100 } : null,
  };
}

/** The mean q in points of one group's question sums, over its scored (non-N/A) answers. */
export function questionMean(sums: QuestionSums): MeanEstimate | null {
  return inPoints(meanEstimate(sumsFromNumeric(sums.n - sums.na, sums.sumQ, sums.sumQSquares)));
}

export interface CriterionComparison {
  key: string;
  /** Answers of the agent, N/A included (the evaluations behind the figure). */
  n: number;
  na: number;
  agent: MeanEstimate | null;
  team: MeanEstimate | null;
  /** agent − team in points; null when either has no mean. */
  difference: number | null;
}

/** Every question the agent was scored on, beside the team's figure for it, in key order. */
export function compareCriteria(agent: readonly QuestionSums[], team: readonly QuestionSums[]): CriterionComparison[] {
  const teamByKey = new Map(team.map((sums) => [sums.key, questionMean(sums)]));
  return [...agent]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((sums) => {
      const own = questionMean(sums);
      const teams = teamByKey.get(sums.key) ?? null;
      return {
        key: sums.key,
        n: sums.n,
        na: sums.na,
        agent: own,
        team: teams,
        difference: own && teams ? own.mean - teams.mean : null,
      };
    });
}

/**
 * The criteria where the agent lies furthest below the team, worst first, at most `limit`:
 * only those with enough scored answers and below the team's mean. Ties keep key order.
 */
export function weakestCriteria(criteria: readonly CriterionComparison[], limit = WEAKEST_SHOWN): CriterionComparison[] {
  return criteria
    .filter((criterion) => criterion.agent !== null && criterion.agent.n >= MIN_CRITERION_REVIEWS && criterion.difference !== null && criterion.difference < 0)
    .sort((a, b) => (a.difference ?? 0) - (b.difference ?? 0))
    .slice(0, limit);
}
