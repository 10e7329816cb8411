/**
 * Each focus criterion's effect, computed live (docs/decisions/0031): before = the plan's
 * baseline window, after = from the day the plan started to today (or the day it closed);
 * the peers are the plan's team's other agents uncoached on the criterion over both windows.
 */
import type { Database } from "../../lib/db.server";
import { addDays, formatLocalDate, localDateOf, parseLocalDate } from "../../lib/time";
import { criterionSums } from "./criterion-figures.server";
import { measureEffect, type Effect } from "./effect";
import type { Sums } from "../reports/statistics";

export interface PlanWindow {
  scorecard_id: string;
  agent_id: string;
  team_id: string | null;
  baseline_from: string | Date;
  baseline_to: string | Date;
  created_at: Date;
  closed_at: Date | null;
}

export const dayText = (value: string | Date) => (typeof value === "string" ? value.slice(0, 10) : formatLocalDate({ year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() }));

export async function planEffects(db: Database, plan: PlanWindow, questionKeys: string[], now: Date, timeZone: string): Promise<{ effects: Map<string, Effect>; after: { from: string; to: string } }> {
  const before = { from: dayText(plan.baseline_from), to: dayText(plan.baseline_to) };
  const start = parseLocalDate(before.to)!;
  const after = { from: formatLocalDate(addDays(start, 1)), to: formatLocalDate(localDateOf(plan.closed_at ?? now, timeZone)) };
  const query = { scorecardId: plan.scorecard_id, questionKeys };
  const [coachedBefore, coachedAfter] = await Promise.all([
    criterionSums(db, { ...query, ...before }, { agentId: plan.agent_id }),
    criterionSums(db, { ...query, ...after }, { agentId: plan.agent_id }),
  ]);
  const none = new Map<string, Sums>();
  const peers = plan.team_id ? { teamId: plan.team_id, exceptAgentId: plan.agent_id, uncoached: { from: before.from, to: after.to } } : null;
  const [peersBefore, peersAfter] = peers ? await Promise.all([criterionSums(db, { ...query, ...before }, peers), criterionSums(db, { ...query, ...after }, peers)]) : [none, none];
  const empty = { n: 0, sum: 0, sumSquares: 0, centredSquares: 0 };
  const effects = new Map<string, Effect>();
  for (const key of questionKeys) {
    effects.set(
      key,
      measureEffect({
        coachedBefore: coachedBefore.get(key) ?? empty,
        coachedAfter: coachedAfter.get(key) ?? empty,
        peersBefore: peersBefore.get(key) ?? empty,
        peersAfter: peersAfter.get(key) ?? empty,
      }),
    );
  }
  return { effects, after };
}
