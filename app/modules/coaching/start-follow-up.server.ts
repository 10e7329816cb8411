/**
 * Follow-up sampling from a plan (issue 15 §3): "review N of this agent's conversations per
 * week until the plan's due date" becomes a sampling rule limited to the agent (the rule
 * filters' agent list), on the plan's scorecard, with the organisation's active QA reviewers
 * (QA specialists and leads) as its pool unless a QA lead chose some of them
 * (follow-up-reviewers.server.ts), drawing each Monday from the week before, linked to
 * the plan and ending at the end of its due day (and sooner, if the plan closes). The coach
 * needs no sampling permission for this one rule; it shows under Sampling like any other.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { addDays, instantAt, parseLocalDate } from "../../lib/time";
import { assertMayCoach, notActive } from "../access/coaching-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import { insertSamplingRule } from "../sampling/save-sampling-rule.server";
import { samplingRuleSchema } from "../sampling/sampling-rule.schema";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { followUpSchema } from "./coaching.schema";
import { followUpReviewersSchema, resolveFollowUpReviewers } from "./follow-up-reviewers.server";
import { loadPlan } from "./load-plan.server";
import { parseInput } from "./parse";
import { dayText } from "./plan-effects.server";

/** Reviews of a follow-up draw are due three days after the run. */
export const FOLLOW_UP_DUE_HOURS = 72;

export async function startFollowUpSampling(db: Database, viewer: Viewer, planId: string, rawInput: unknown, now: Date): Promise<{ ruleId: string }> {
  const input = parseInput(followUpSchema, rawInput);
  const { reviewerIds: chosen } = parseInput(followUpReviewersSchema, rawInput);
  const { timeZone } = await getOrganisation(db);
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = await loadPlan(trx, viewer, planId, { forUpdate: true });
      assertMayCoach(viewer);
      if (plan.status !== "active") throw notActive("plan");
      const existing = await trx.selectFrom("sampling_rules").select("id").where("coaching_plan_id", "=", plan.id).executeTakeFirst();
      if (existing) throw new DomainError("conflict", "This plan already has its follow-up sampling.");
      const agent = await trx.selectFrom("users").select("name").where("id", "=", plan.agent_id).executeTakeFirstOrThrow();
      const reviewerIds = await resolveFollowUpReviewers(trx, viewer, chosen);
      const endsAt = instantAt(addDays(parseLocalDate(dayText(plan.due_on))!, 1), timeZone);
      const settings = samplingRuleSchema.parse({
        name: `Coaching follow-up: ${agent.name} (${plan.title.slice(0, 60)}, ${plan.id.slice(0, 8)})`,
        purpose: "review",
        scorecardId: plan.scorecard_id,
        filters: { channels: [], teamIds: [], agentIds: [plan.agent_id], queues: [], tags: [], tagsMode: "any", window: { kind: "previous_week" }, metadata: [] },
        quota: { kind: "per_agent", n: input.perWeek },
        reviewerIds,
        dueInHours: FOLLOW_UP_DUE_HOURS,
        schedule: { kind: "weekly", weekday: 1, hour: 6 },
      });
      const { id } = await insertSamplingRule(trx, viewer, settings, timeZone, { coachingPlanId: plan.id, endsAt, now });
      await recordAudit(
        trx,
        { actorId: viewer, action: "coaching_plan.follow_up", entityType: "coaching_plan", entityId: plan.id, after: { ruleId: id, perWeek: input.perWeek, reviewerIds: settings.reviewerIds, endsAt } },
        now,
      );
      return { ruleId: id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", "This plan already has its follow-up sampling.");
    throw error;
  }
}
