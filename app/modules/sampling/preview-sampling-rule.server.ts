/**
 * "Preview": how many interactions match the rule in the period a run now would sample, and
 * how many it would draw per agent, without assigning anything. It ranks with the same seed
 * the run would use, so a run straight after draws exactly the previewed numbers. Works on
 * unsaved settings too (the form's current values), with a throwaway seed for a new rule:
 * counts do not depend on the seed, only which interactions are drawn does.
 */
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { loadReviewerLoads } from "../assignments/reviewer-loads.server";
import { getOrganisation } from "../users/get-organisation.server";
import { assignReviewers } from "./assign";
import { resolvePeriod } from "./period";
import { planSample } from "./plan-sample.server";
import type { SamplingRuleSettings } from "./sampling-rule.schema";

export interface SamplePreview {
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  matched: number;
  taken: number;
  wouldDraw: number;
  wouldAssign: number;
  shortfall: number;
  perAgent: { agentId: string; agentName: string; matched: number; taken: number; wanted: number; drawn: number; shortfall: number }[];
  perReviewer: { reviewerId: string; reviewerName: string; wouldGet: number }[];
}

export async function previewSamplingRule(
  db: Database,
  actor: Actor,
  input: { settings: SamplingRuleSettings; ruleId?: string; ruleSeed?: string; runAt?: Date },
): Promise<SamplePreview> {
  assertCan(actor, "sampling:manage");
  const { timeZone } = await getOrganisation(db);
  const runAt = input.runAt ?? new Date();
  // The reviewers' loads need only the period, which planSample resolves the same way: read
  // them beside the plan rather than after it (a preview writes nothing, so no lock orders them).
  const [plan, reviewers] = await Promise.all([
    planSample(db, { settings: input.settings, ruleSeed: input.ruleSeed ?? "preview", runAt, timeZone }),
    loadReviewerLoads(db, {
      reviewerIds: input.settings.reviewerIds,
      ruleId: input.ruleId ?? null,
      periodKey: resolvePeriod(input.settings.filters.window, runAt, timeZone).key,
      capPerReviewer: input.settings.capPerReviewer,
    }),
  ]);
  const { assignments } = assignReviewers({ items: plan.drawn, reviewers });

  const people = new Set([...plan.perAgent.map((a) => a.agentId), ...reviewers.map((r) => r.id)]);
  const names = new Map<string, string>();
  if (people.size > 0) {
    for (const row of await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...people]).execute()) names.set(row.id, row.name);
  }
  const perReviewer = new Map(reviewers.map((r) => [r.id, 0]));
  for (const a of assignments) perReviewer.set(a.reviewerId, (perReviewer.get(a.reviewerId) ?? 0) + 1);

  return {
    periodKey: plan.period.key,
    periodStart: plan.period.start,
    periodEnd: plan.period.end,
    matched: plan.matched,
    taken: plan.taken,
    wouldDraw: plan.drawn.length,
    wouldAssign: assignments.length,
    shortfall: plan.shortfall,
    perAgent: plan.perAgent
      .map((agent) => ({ ...agent, agentName: names.get(agent.agentId) ?? "Unknown agent" }))
      .sort((a, b) => a.agentName.localeCompare(b.agentName)),
    perReviewer: [...perReviewer]
      .map(([reviewerId, wouldGet]) => ({ reviewerId, reviewerName: names.get(reviewerId) ?? "Unknown", wouldGet }))
      .sort((a, b) => a.reviewerName.localeCompare(b.reviewerName)),
  };
}
