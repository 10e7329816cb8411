/**
 * Which focus criteria to suggest (issue 15 §1): the agent's lowest criteria against their
 * team's, only where the agent has enough scored evaluations to say so, each with its reason.
 * Pure.
 */
import { meanEstimate, type MeanEstimate, type Sums } from "../reports/statistics";

/** Fewer evaluations than this on a criterion and it is not suggested (the interval is too wide to rank by). */
export const MIN_SUGGEST_N = 5;
export const MAX_SUGGESTIONS = 3;

export interface CriterionStanding {
  questionKey: string;
  prompt: string;
  agent: MeanEstimate | null;
  team: MeanEstimate | null;
  /** Why it is suggested; null when it is not. */
  reason: string | null;
}

const pct = (value: number) => `${Math.round(value)} %`;

export function suggestCriteria(criteria: { questionKey: string; prompt: string; agent: Sums; team: Sums }[], agentName: string, windowLabel: string): CriterionStanding[] {
  const standings = criteria.map((c) => ({ questionKey: c.questionKey, prompt: c.prompt, agent: meanEstimate(c.agent), team: meanEstimate(c.team), reason: null as string | null }));
  const ranked = standings
    .filter((s) => s.agent !== null && s.agent.n >= MIN_SUGGEST_N && s.team !== null && s.agent.mean < s.team.mean)
    .sort((a, b) => a.agent!.mean - a.team!.mean - (b.agent!.mean - b.team!.mean) || a.agent!.mean - b.agent!.mean);
  for (const s of ranked.slice(0, MAX_SUGGESTIONS)) {
    s.reason = `${agentName} ${pct(s.agent!.mean)} against the team's ${pct(s.team!.mean)} over ${s.agent!.n} evaluations (${windowLabel})`;
  }
  return standings;
}
