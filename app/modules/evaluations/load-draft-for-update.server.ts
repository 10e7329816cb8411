import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { scorecardDefinitionSchema, validateAnswers, type Answers, type ScorecardDefinition } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";

/**
 * The viewer's own draft, locked until the transaction ends, with its pinned definition;
 * 409 when it was submitted or saved elsewhere since `revision` (the page keeps its input).
 * Somebody else's evaluation is "not found".
 */
export async function loadDraftForUpdate(trx: Database, viewer: Viewer, evaluationId: string, revision: number) {
  const row = await trx
    .selectFrom("evaluations")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .select([
      "evaluations.id",
      "evaluations.reviewer_id",
      "evaluations.status",
      "evaluations.revision",
      "evaluations.assignment_id",
      "evaluations.interaction_id",
      "evaluations.answers",
      "scorecard_versions.definition",
      "scorecards.release_mode",
    ])
    .where("evaluations.id", "=", evaluationId)
    .forUpdate("evaluations")
    .executeTakeFirst();
  if (!row || row.reviewer_id !== viewer.id) throw notFound("Evaluation");
  if (row.status !== "draft") throw new DomainError("conflict", "This evaluation was already submitted; it can no longer change.");
  if (row.revision !== revision) {
    throw new DomainError("conflict", "This evaluation was saved from another tab or window after this page loaded. Your answers are still here: reload to see the other version, or copy what you need first.");
  }
  return { ...row, definition: scorecardDefinitionSchema.parse(row.definition) };
}

/** 422 naming each answer that does not fit its question (unknown ids, wrong kind, out of range, N/A not allowed). */
export function assertAnswersFit(definition: ScorecardDefinition, answers: Answers): void {
  const check = validateAnswers(definition, answers);
  if (!check.ok) {
    const fieldErrors = Object.fromEntries(check.issues.map((issue) => [`answers.${issue.questionId}`, issue.message]));
    throw new DomainError("invalid", check.issues.map((issue) => issue.message).join(" "), fieldErrors);
  }
}
