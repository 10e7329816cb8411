/**
 * Starting a coaching plan for one agent (issue 15 §1): by a supervisor of the agent's team or
 * a QA lead (404 for an agent outside the coach's scope), with 1–5 focus criteria of one
 * scorecard (422 for a criterion of another), a target of 0–100 % each and a due day not in
 * the past (422). Each criterion's baseline — the agent's mean q with its t interval and n over
 * the last 90 days — is stored as it is now; the effect recomputes its windows live. The agent
 * is notified, all in one transaction.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertMayCoachAgent } from "../access/coaching-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { BASELINE_DAYS, coachingDays } from "./coaching-days";
import { createPlanSchema } from "./coaching.schema";
import { criterionStandings } from "./new-plan-form.server";
import { parseInput } from "./parse";
import { scorecardCriteria } from "./scorecard-criteria.server";

const fixed = (value: number | null | undefined) => (value === null || value === undefined ? null : Number(value.toFixed(4)));

export async function createCoachingPlan(db: Database, viewer: Viewer, rawInput: unknown, now: Date): Promise<{ id: string }> {
  const input = parseInput(createPlanSchema, rawInput);
  const agent = await assertMayCoachAgent(db, viewer, input.agentId);
  const { timeZone } = await getOrganisation(db);
  const days = coachingDays(now, timeZone);
  if (input.dueOn < days.today) throw new DomainError("invalid", `The due date ${input.dueOn} is in the past; choose today (${days.today}) or later.`, { dueOn: "Choose today or a later day" });
  const scorecard = await scorecardCriteria(db, input.scorecardId);
  const standings = scorecard && (await criterionStandings(db, agent, input.scorecardId, { from: days.baselineFrom, to: days.baselineTo, label: `last ${BASELINE_DAYS} days` }));
  if (!scorecard || !standings) throw new DomainError("invalid", "Choose a published scorecard.", { scorecardId: "Choose a published scorecard" });
  const byKey = new Map(scorecard.criteria.map((c) => [c.questionKey, c]));
  const foreign = input.criteria.filter((c) => !byKey.has(c.questionKey));
  if (foreign.length > 0) {
    throw new DomainError("invalid", `All focus criteria of a plan come from one scorecard, ${scorecard.name}; ${foreign.length === 1 ? "one chosen criterion is" : `${foreign.length} chosen criteria are`} not among its questions.`, {
      criteria: `Choose criteria of ${scorecard.name} only`,
    });
  }
  if (new Set(input.criteria.map((c) => c.questionKey)).size !== input.criteria.length) {
    throw new DomainError("invalid", "Each focus criterion is chosen once.", { criteria: "Each focus criterion is chosen once" });
  }
  const standingOf = new Map(standings.map((s) => [s.questionKey, s]));

  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("coaching_plans")
      .values({
        agent_id: agent.id,
        owner_id: viewer.id,
        created_by: viewer.id,
        team_id: agent.teamId,
        scorecard_id: input.scorecardId,
        title: input.title,
        due_on: input.dueOn,
        baseline_from: days.baselineFrom,
        baseline_to: days.baselineTo,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("coaching_plan_criteria")
      .values(
        input.criteria.map((c, position) => {
          const standing = standingOf.get(c.questionKey);
          const estimate = standing?.agent;
          const criterion = byKey.get(c.questionKey)!;
          return {
            plan_id: id,
            question_key: c.questionKey,
            question_id: criterion.questionId,
            prompt: criterion.prompt,
            position,
            baseline_n: estimate?.n ?? 0,
            baseline_mean: fixed(estimate?.mean),
            baseline_low: fixed(estimate?.interval?.low),
            baseline_high: fixed(estimate?.interval?.high),
            target: c.target,
            suggestion_reason: standing?.reason ?? null,
          };
        }),
      )
      .execute();
    await recordAudit(
      trx,
      {
        actorId: viewer,
        action: "coaching_plan.create",
        entityType: "coaching_plan",
        entityId: id,
        after: { agentId: agent.id, scorecardId: input.scorecardId, title: input.title, dueOn: input.dueOn, criteria: input.criteria.map((c) => ({ questionKey: c.questionKey, target: c.target })) },
      },
      now,
    );
    await notify(trx, [
      { recipientId: agent.id, kind: "coaching_plan_created", title: `${viewer.name} started a coaching plan with you: ${input.title}`, body: `Due ${input.dueOn}. Open it to read the focus and acknowledge it.`, link: `/coaching/plans/${id}`, createdAt: now },
    ]);
    return { id };
  });
}
