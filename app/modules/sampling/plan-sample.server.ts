/**
 * What a rule would draw for the period of `runAt`, without writing anything: the shared
 * core of "preview" and "run". Candidates are read in one index-bounded query, ranked by
 * `rankKey(<rule seed>:<period key>, id)` and stratified per agent by drawSample, so the
 * same rule, period and seed always give the same draw (docs/decisions/0008).
 */
import type { Database } from "../../lib/db.server";
import { drawSample, type AgentTally, type Candidate } from "./draw";
import { loadCandidates, loadExpectedAgents, loadTaken } from "./load-candidates.server";
import { resolvePeriod, type Period } from "./period";
import { rankKey } from "./rank";
import type { SamplingRuleSettings } from "./sampling-rule.schema";

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
  const [rows, taken, agentIds] = await Promise.all([
    loadCandidates(db, settings.filters, period),
    loadTaken(db, settings.scorecardId, settings.filters, period),
    loadExpectedAgents(db, settings.filters, period),
  ]);
  const candidates = rows.map((row) => ({ id: row.id, agentId: row.agentId, rankKey: rankKey(seed, row.id) }));
  const result = drawSample({ candidates, quota: settings.quota, agentIds, alreadyTaken: taken });
  const perAgent = [...result.perAgent].map(([agentId, tally]) => ({ agentId, ...tally }));
  return {
    period,
    seed,
    matched: candidates.length,
    taken: perAgent.reduce((sum, agent) => sum + agent.taken, 0),
    drawn: result.drawn,
    perAgent,
    shortfall: perAgent.reduce((sum, agent) => sum + agent.shortfall, 0),
  };
}
