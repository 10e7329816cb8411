/**
 * Annotations on a draft evaluation: added, edited and deleted by the evaluation's reviewer
 * while it is a draft (a submitted evaluation is locked, annotations included). A question
 * link must name a question of the evaluation's scorecard version.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { scopeAnnotations } from "../access/annotation-scope.server";
import { assertMayChangeAnnotation } from "../access/rules";
import { lockOwnDraft } from "./lock-own-draft.server";
import { questionsInOrder, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import type { AnnotationInput } from "./annotation.schema";

/** The viewer's own draft, locked and checked before any write (lock-own-draft.server.ts), with what annotations need. */
async function lockDraftForAnnotations(trx: Database, viewer: Viewer, evaluationId: string) {
  await lockOwnDraft(trx, viewer, evaluationId);
  return trx
    .selectFrom("evaluations")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .select(["evaluations.interaction_id", "scorecard_versions.definition"])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirstOrThrow();
}

function assertQuestionExists(definition: unknown, questionId: string | null): void {
  if (questionId === null) return;
  const ids = new Set(questionsInOrder(scorecardDefinitionSchema.parse(definition)).map(({ question }) => question.id));
  if (!ids.has(questionId)) throw new DomainError("invalid", "Link the comment to a question of this scorecard.", { questionId: "Choose a question from the list" });
}

const columns = (input: AnnotationInput) => ({
  comment: input.comment,
  sentiment: input.sentiment,
  question_id: input.questionId,
  start_ms: input.startMs,
  end_ms: input.endMs,
  segment_id: input.segmentId,
  start_offset: input.startOffset,
  end_offset: input.endOffset,
  quote: input.quote,
});

export async function addAnnotation(db: Database, viewer: Viewer, evaluationId: string, input: AnnotationInput): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const evaluation = await lockDraftForAnnotations(trx, viewer, evaluationId);
    assertQuestionExists(evaluation.definition, input.questionId);
    return trx
      .insertInto("annotations")
      .values({ evaluation_id: evaluationId, interaction_id: evaluation.interaction_id, author_id: viewer.id, ...columns(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

/**
 * Which annotation a change names: its id, and the evaluation it must belong to when the
 * caller names one (the workspace's address), so an id from another evaluation is not found.
 */
export interface AnnotationTarget {
  inEvaluation?: string;
}

/** An annotation the viewer may see (404 otherwise) and change (403 otherwise: somebody else's). */
async function changeableAnnotation(trx: Database, viewer: Viewer, annotationId: string, { inEvaluation }: AnnotationTarget) {
  const annotation = await scopeAnnotations(trx.selectFrom("annotations"), viewer)
    .select(["annotations.evaluation_id", "annotations.author_id"])
    .where("annotations.id", "=", annotationId)
    .executeTakeFirst();
  if (!annotation || (inEvaluation !== undefined && annotation.evaluation_id !== inEvaluation)) throw notFound("Annotation");
  assertMayChangeAnnotation(viewer, annotation);
  return annotation;
}

export async function updateAnnotation(
  db: Database,
  viewer: Viewer,
  annotationId: string,
  input: AnnotationInput,
  target: AnnotationTarget = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const annotation = await changeableAnnotation(trx, viewer, annotationId, target);
    const evaluation = await lockDraftForAnnotations(trx, viewer, annotation.evaluation_id);
    assertQuestionExists(evaluation.definition, input.questionId);
    await trx.updateTable("annotations").set({ ...columns(input), updated_at: sql`now()` }).where("id", "=", annotationId).execute();
  });
}

export async function deleteAnnotation(db: Database, viewer: Viewer, annotationId: string, target: AnnotationTarget = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const annotation = await changeableAnnotation(trx, viewer, annotationId, target);
    await lockOwnDraft(trx, viewer, annotation.evaluation_id);
    await trx.deleteFrom("annotations").where("id", "=", annotationId).execute();
  });
}
