import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { listHiddenQuestionIds } from "../scorecards/list-question-visibility.server";
import { scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { definitionWithout, hiddenQuestionIds } from "./hidden-answers";
import { lockOwnDraft } from "./lock-own-draft.server";

/**
 * The viewer's own draft, locked until the transaction ends (lockOwnDraft: 404 unseen, 403 not
 * theirs or no longer a reviewer, 409 submitted), with its pinned definition; 409 as well when
 * it was saved elsewhere since `revision` (the page keeps its input). `"current"` accepts
 * whatever revision is there ("Keep mine and overwrite"), read under the same lock.
 * A self-evaluation's definition leaves out the questions hidden from agents: they are not on
 * the agent's form, so they are neither required nor accepted. Only non-scoring questions are
 * ever hidden (hidden-answers.ts), so the score is the one the full definition gives.
 */
export async function loadDraftForUpdate(trx: Database, viewer: Viewer, evaluationId: string, revision: number | "current") {
  const { kind } = await lockOwnDraft(trx, viewer, evaluationId);
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
      "evaluations.scorecard_version_id",
      "scorecard_versions.definition",
      "scorecards.release_mode",
      "scorecards.id as scorecard_id",
    ])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirstOrThrow();
  if (revision !== "current" && row.revision !== revision) {
    throw new DomainError("conflict", "This evaluation was saved from another tab or window after this page loaded. Your answers are still here: reload to see the other version, or copy what you need first.");
  }
  const definition = scorecardDefinitionSchema.parse(row.definition);
  if (kind !== "self") return { ...row, kind, definition };
  const hidden = hiddenQuestionIds(definition, await listHiddenQuestionIds(trx, row.scorecard_id));
  return { ...row, kind, definition: definitionWithout(definition, hidden) };
}
