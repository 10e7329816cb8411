/**
 * The history of an evaluation as its page shows it (docs/decisions/0020): every revision in
 * order — why it was written, by whom, when, with what reason, its score — and the answers it
 * changed against the one before, named by question. Scoped like getEvaluation (404 outside the
 * viewer's scope); an agent's view leaves out the questions hidden from agents, as everywhere.
 */
import type { Database } from "../../lib/db.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { notFound } from "../../lib/errors";
import { listHiddenQuestionIds } from "../scorecards/list-question-visibility.server";
import { answersSchema, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import type { RevisionCause } from "./append-revision.server";
import { seesHiddenAnswers } from "../access/rules";
import { hiddenQuestionIds } from "./hidden-answers";
import { answerChanges, type AnswerChange } from "./revision-changes";

export interface RevisionEntry {
  sequence: number;
  cause: RevisionCause;
  actorName: string;
  reason: string | null;
  at: Date;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  /** Against the revision before; none for the first. */
  changes: AnswerChange[];
  current: boolean;
}

export async function listEvaluationHistory(db: Database, viewer: Viewer, evaluationId: string): Promise<RevisionEntry[]> {
  const evaluation = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.id", "evaluations.scorecard_id", "evaluations.current_revision_id"])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirst();
  if (!evaluation) throw notFound("Evaluation");
  const rows = await db
    .selectFrom("evaluation_revisions")
    .innerJoin("users", "users.id", "evaluation_revisions.actor_id")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluation_revisions.scorecard_version_id")
    .select([
      "evaluation_revisions.id",
      "evaluation_revisions.sequence",
      "evaluation_revisions.cause",
      "evaluation_revisions.reason",
      "evaluation_revisions.created_at",
      "evaluation_revisions.answers",
      "evaluation_revisions.score",
      "evaluation_revisions.passed",
      "evaluation_revisions.auto_failed",
      "scorecard_versions.definition",
      "users.name as actor_name",
    ])
    .where("evaluation_revisions.evaluation_id", "=", evaluationId)
    .orderBy("evaluation_revisions.sequence")
    .execute();
  const marked = !seesHiddenAnswers(viewer) ? await listHiddenQuestionIds(db, evaluation.scorecard_id) : [];
  let previous = {};
  return rows.map((row) => {
    const definition = scorecardDefinitionSchema.parse(row.definition);
    const answers = answersSchema.parse(row.answers);
    const changes = row.sequence === 1 ? [] : answerChanges(definition, previous, answers, hiddenQuestionIds(definition, marked));
    previous = answers;
    return {
      sequence: row.sequence,
      cause: row.cause as RevisionCause,
      actorName: row.actor_name,
      reason: row.reason,
      at: row.created_at,
      score: row.score,
      passed: row.passed,
      autoFailed: row.auto_failed,
      changes,
      current: row.id === evaluation.current_revision_id,
    };
  });
}
