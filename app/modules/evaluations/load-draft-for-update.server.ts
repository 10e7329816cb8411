import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { scorecardDefinitionSchema, validateAnswers, type Answers, type ScorecardDefinition } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { lockOwnDraft } from "./lock-own-draft.server";

/**
 * The viewer's own draft, locked until the transaction ends (lockOwnDraft: 404 unseen, 403 not
 * theirs or no longer a reviewer, 409 submitted), with its pinned definition; 409 as well when
 * it was saved elsewhere since `revision` (the page keeps its input).
 */
export async function loadDraftForUpdate(trx: Database, viewer: Viewer, evaluationId: string, revision: number) {
  await lockOwnDraft(trx, viewer, evaluationId);
  const row = await trx
    .selectFrom("evaluations")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .select([
      "evaluations.id",
      "evaluations.revision",
      "evaluations.assignment_id",
      "evaluations.interaction_id",
      "evaluations.answers",
      "scorecard_versions.definition",
      "scorecards.release_mode",
    ])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirstOrThrow();
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
