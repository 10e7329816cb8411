/**
 * Attaching evidence to a plan (issue 15 §1): a submitted review of the plan's agent on any
 * scorecard, optionally one of its annotations (the moment plays and its span is quoted), as a
 * strength or an opportunity. The agent will read it, so an annotation on a question hidden
 * from agents is refused (422), as is an evaluation of another agent or not yet submitted.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { assertMayCoach, notActive } from "../access/coaching-scope.server";
import { evaluationVisibleTo } from "../access/evaluation-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import { isUniqueViolation } from "../../lib/pg-errors";
import type { Viewer } from "../users/roles";
import { evidenceSchema } from "./coaching.schema";
import { loadPlan } from "./load-plan.server";
import { parseInput } from "./parse";

export async function addEvidence(db: Database, viewer: Viewer, planId: string, rawInput: unknown, now: Date): Promise<{ id: string }> {
  const input = parseInput(evidenceSchema, rawInput);
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = await loadPlan(trx, viewer, planId, { forUpdate: true });
      assertMayCoach(viewer);
      if (plan.status !== "active") throw notActive("plan");
      const evaluation = await trx
        .selectFrom("evaluations")
        .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
        .select(["evaluations.id", "evaluations.kind", "evaluations.status", "evaluations.scorecard_id", "interactions.agent_id"])
        .where("evaluations.id", "=", input.evaluationId)
        .where(evaluationVisibleTo(viewer))
        .executeTakeFirst();
      if (!evaluation) throw notFound("Evaluation");
      if (evaluation.agent_id !== plan.agent_id || evaluation.kind !== "review" || evaluation.status !== "submitted") {
        throw new DomainError("invalid", "Evidence is a submitted review of this plan's agent.", { evaluationId: "Choose a submitted review of the agent" });
      }
      if (input.annotationId) {
        const annotation = await trx
          .selectFrom("annotations")
          .select(["id", "question_id"])
          .where("id", "=", input.annotationId)
          .where("evaluation_id", "=", evaluation.id)
          .executeTakeFirst();
        if (!annotation) throw new DomainError("invalid", "That comment is not on the chosen evaluation.", { annotationId: "Choose a comment of that evaluation" });
        if (annotation.question_id) {
          const hidden = await trx
            .selectFrom("scorecard_hidden_questions")
            .select("question_id")
            .where("scorecard_id", "=", evaluation.scorecard_id)
            .where("question_id", "=", annotation.question_id)
            .executeTakeFirst();
          if (hidden) throw new DomainError("invalid", "That comment is on a question hidden from agents, so it cannot be shared with the agent as evidence.", { annotationId: "Choose a comment the agent may read" });
        }
      }
      const { id } = await trx
        .insertInto("coaching_evidence")
        .values({ plan_id: plan.id, evaluation_id: evaluation.id, annotation_id: input.annotationId ?? null, kind: input.kind, note: input.note, added_by: viewer.id, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(
        trx,
        {
          actorId: viewer,
          action: "coaching_plan.add_evidence",
          entityType: "coaching_plan",
          entityId: plan.id,
          after: { evidenceId: id, evaluationId: evaluation.id, annotationId: input.annotationId ?? null, kind: input.kind, note: input.note },
        },
        now,
      );
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "coaching_evidence_once")) throw new DomainError("conflict", "That evidence is already attached to this plan.");
    throw error;
  }
}

export async function removeEvidence(db: Database, viewer: Viewer, planId: string, evidenceId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await loadPlan(trx, viewer, planId, { forUpdate: true });
    assertMayCoach(viewer);
    if (plan.status !== "active") throw notActive("plan");
    const removed = await trx.deleteFrom("coaching_evidence").where("id", "=", evidenceId).where("plan_id", "=", plan.id).returning(["id", "evaluation_id"]).executeTakeFirst();
    if (!removed) throw notFound("Evidence");
    await recordAudit(trx, { actorId: viewer, action: "coaching_plan.remove_evidence", entityType: "coaching_plan", entityId: plan.id, before: { evidenceId: removed.id, evaluationId: removed.evaluation_id } }, now);
  });
}
