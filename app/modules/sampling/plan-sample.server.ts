/**
 * What a rule would draw for the period of `runAt`, without writing anything: the shared
 * core of "preview" and "run". Candidates are read in one index-bounded query (grouped per
 * agent), ranked by `rankKey(<rule seed>:<period key>, id)` and stratified per agent by
 * drawRanked (drawSample's draw, without a candidate object per row), so the same rule,
 * period and seed always give the same draw (docs/decisions/0008).
 */
import type { Database } from "../../lib/db.server";
import { drawRanked, type AgentTally, type Candidate } from "./draw";
import { loadCandidatesByAgent, loadExpectedAgents, loadTaken } from "./load-candidates.server";
import { resolvePeriod, type Period } from "./period";
import { purposeOf, type SamplingRuleSettings } from "./sampling-rule.schema";
import { loadSelfTaken } from "./self-evaluation-rule.server";

export interface AgentPlan extends AgentTally {
  agentId: string;
}

export interface SamplePlan {
  period: Period;
  seed: string;
  matched: number;
  taken: number;
  drawn: Candidate[];
  perAgent: AgentPlan[];
  shortfall: number;
}

/** The seed a period is ranked with: each period draws independently, a re-run of one draws the same. */
export const periodSeed = (ruleSeed: string, periodKey: string) => `${ruleSeed}:${periodKey}`;

export async function planSample(
  db: Database,
  input: { settings: SamplingRuleSettings; ruleSeed: string; runAt: Date; timeZone: string },
): Promise<SamplePlan> {
  const { settings } = input;
  const period = resolvePeriod(settings.filters.window, input.runAt, input.timeZone);
  const seed = periodSeed(input.ruleSeed, period.key);
  const [groups, taken, agentIds] = await Promise.all([
    loadCandidatesByAgent(db, settings.filters, period),
    // A self-evaluation rule skips what is requested or self-evaluated, a review rule what is assigned or reviewed.
    purposeOf(settings) === "self" ? loadSelfTaken(db, settings.filters, period) : loadTaken(db, settings.scorecardId, settings.filters, period),
    loadExpectedAgents(db, settings.filters, period),
  ]);
  const result = drawRanked({ groups, seed, quota: settings.quota, agentIds, alreadyTaken: taken });
  const perAgent = [...result.perAgent].map(([agentId, tally]) => ({ agentId, ...tally }));
  return {
    period,
    seed,
    matched: groups.reduce((sum, group) => sum + group.ids.length, 0),
    taken: perAgent.reduce((sum, agent) => sum + agent.taken, 0),
    drawn: result.drawn,
    perAgent,
    shortfall: perAgent.reduce((sum, agent) => sum + agent.shortfall, 0),
  };
}
