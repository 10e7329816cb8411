/**
 * GET /api/v1/coaching/plans/{id}: one plan as its page shows it (getCoachingPlan — the same
 * scope, 404 outside it): criteria with the baseline frozen at creation, the target and the effect
 * measured live (plan-effects.server.ts), the evidence the viewer may see, the follow-up rule.
 */
import type { Database } from "../../lib/db.server";
import type { DifferenceEstimate } from "../reports/statistics";
import { getCoachingPlan } from "../coaching/get-plan.server";
import type { Viewer } from "../users/roles";
import type { CoachingPlanDetailJson } from "./coaching-api.schema";

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const roundOrNull = (value: number | null) => (value === null ? null : round(value));

function differenceJson(estimate: DifferenceEstimate | null) {
  if (!estimate) return null;
  return { difference: round(estimate.difference), standardError: round(estimate.standardError), df: round(estimate.df), low: round(estimate.interval.low), high: round(estimate.interval.high) };
}

export async function getApiCoachingPlan(db: Database, viewer: Viewer, planId: string, now: Date): Promise<CoachingPlanDetailJson> {
  const plan = await getCoachingPlan(db, viewer, planId, now);
  return {
    id: plan.id,
    title: plan.title,
    status: plan.status,
    cancelReason: plan.cancelReason,
    agent: plan.agent,
    owner: plan.owner,
    scorecard: plan.scorecard,
    dueOn: plan.dueOn,
    overdue: plan.overdue,
    createdAt: plan.createdAt.toISOString(),
    acknowledgedAt: plan.acknowledgedAt?.toISOString() ?? null,
    closedAt: plan.closedAt?.toISOString() ?? null,
    afterWindow: plan.afterWindow,
    criteria: plan.criteria.map((c) => ({
      questionKey: c.questionKey,
      prompt: c.prompt,
      target: c.target,
      suggestionReason: c.suggestionReason,
      baseline: { ...c.baseline, mean: roundOrNull(c.baseline.mean), low: roundOrNull(c.baseline.low), high: roundOrNull(c.baseline.high) },
      effect: { coached: differenceJson(c.effect.coached), peers: differenceJson(c.effect.peers), differenceInDifferences: differenceJson(c.effect.did), reading: c.effect.reading },
    })),
    evidence: plan.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      note: e.note,
      evaluationId: e.evaluationId,
      interactionId: e.interactionId,
      conversationAt: e.conversationAt.toISOString(),
      annotation: e.annotation,
      addedAt: e.addedAt.toISOString(),
    })),
    followUp: plan.followUp ? { ...plan.followUp, endsAt: plan.followUp.endsAt?.toISOString() ?? null } : null,
  };
}
