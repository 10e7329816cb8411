/**
 * One evaluation with everything the workspace or the read-only page shows: the pinned
 * scorecard version, answers, feedback, score, the assignment it completes and its
 * annotations. Scoped by scopeEvaluations: outside the viewer's scope it is "not found".
 * An agent's view leaves out the questions hidden from agents, with their answers, comments
 * and linked annotations (hidden-answers.ts), so no page, loader or export built on it has them.
 */
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { answersSchema, scorecardDefinitionSchema, type Answers, type ScorecardDefinition } from "../scorecards/scorecard-definition.schema";
import type { ReleaseMode } from "../scorecards/scorecard-settings.schema";
import type { Viewer } from "../users/roles";
import { listHiddenQuestionIds } from "../scorecards/list-question-visibility.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import type { AnnotationInput } from "./annotation.schema";
import { seesHiddenAnswers } from "../access/rules";
import { annotationsWithout, answersWithout, definitionWithout, hiddenQuestionIds } from "./hidden-answers";
import { emptyFeedback, feedbackDocumentSchema, type FeedbackDocument } from "./feedback-document";

/** An annotation as stored: what the workspace sent (AnnotationInput), with its author and time. */
export interface AnnotationView extends AnnotationInput {
  id: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
}

export type EvaluationStatus = "draft" | "submitted" | "void";

export interface EvaluationView {
  id: string;
  interactionId: string;
  status: EvaluationStatus;
  kind: "review" | "calibration" | "self";
  revision: number;
  answers: Answers;
  feedback: FeedbackDocument;
  score: number | null;
  passed: boolean | null;
  autoFailed: boolean;
  submittedAt: Date | null;
  releasedAt: Date | null;
  updatedAt: Date;
  reviewer: { id: string; name: string };
  scorecard: { id: string; name: string; releaseMode: ReleaseMode };
  version: { id: string; version: number; definition: ScorecardDefinition };
  assignment: { id: string; dueAt: Date; status: "open" | "done" | "skipped" } | null;
  annotations: AnnotationView[];
  /** Set when a QA lead voided it: out of every figure, shown as void (docs/decisions/0020). */
  voided: { at: Date; byName: string; reason: string } | null;
  /** The viewer is the reviewer and it is still a draft. */
  editable: boolean;
}

export async function getEvaluation(db: Database, viewer: Viewer, evaluationId: string): Promise<EvaluationView> {
  const row = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .leftJoin("assignments", "assignments.id", "evaluations.assignment_id")
    .leftJoin("users as voider", "voider.id", "evaluations.voided_by")
    .select([
      "evaluations.id",
      "evaluations.interaction_id",
      "evaluations.status",
      "evaluations.kind",
      "evaluations.revision",
      "evaluations.answers",
      "evaluations.feedback",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "evaluations.submitted_at",
      "evaluations.released_at",
      "evaluations.updated_at",
      "evaluations.reviewer_id",
      "reviewer.name as reviewer_name",
      "scorecards.id as scorecard_id",
      "scorecards.name as scorecard_name",
      "scorecards.release_mode",
      "scorecard_versions.id as version_id",
      "scorecard_versions.version",
      "scorecard_versions.definition",
      "assignments.id as assignment_id",
      "assignments.due_at",
      "assignments.status as assignment_status",
      "evaluations.voided_at",
      "evaluations.void_reason",
      "voider.name as voider_name",
    ])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");

  const annotations = await db
    .selectFrom("annotations")
    .innerJoin("users", "users.id", "annotations.author_id")
    .selectAll("annotations")
    .select("users.name as author_name")
    .where("annotations.evaluation_id", "=", evaluationId)
    .orderBy("annotations.start_ms", (ob) => ob.asc().nullsLast())
    .orderBy("annotations.created_at")
    .execute();

  const feedback = feedbackDocumentSchema.safeParse(row.feedback);
  const fullDefinition = scorecardDefinitionSchema.parse(row.definition);
  const hidden = !seesHiddenAnswers(viewer) ? hiddenQuestionIds(fullDefinition, await listHiddenQuestionIds(db, row.scorecard_id)) : new Set<string>();
  return {
    id: row.id,
    interactionId: row.interaction_id,
    status: row.status as EvaluationStatus,
    kind: row.kind as EvaluationView["kind"],
    revision: row.revision,
    answers: answersWithout(answersSchema.parse(row.answers), hidden),
    feedback: feedback.success ? feedback.data : emptyFeedback(),
    score: row.score,
    passed: row.passed,
    autoFailed: row.auto_failed,
    submittedAt: row.submitted_at,
    releasedAt: row.released_at,
    updatedAt: row.updated_at,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    scorecard: { id: row.scorecard_id, name: row.scorecard_name, releaseMode: row.release_mode as ReleaseMode },
    version: { id: row.version_id, version: row.version, definition: definitionWithout(fullDefinition, hidden) },
    assignment:
      row.assignment_id && row.due_at
        ? { id: row.assignment_id, dueAt: row.due_at, status: row.assignment_status as "open" | "done" | "skipped" }
        : null,
    annotations: annotationsWithout(
      annotations.map((a) => ({
        id: a.id,
        authorId: a.author_id,
        authorName: a.author_name,
        comment: a.comment,
        sentiment: a.sentiment as AnnotationView["sentiment"],
        questionId: a.question_id,
        startMs: a.start_ms,
        endMs: a.end_ms,
        segmentId: a.segment_id,
        startOffset: a.start_offset,
        endOffset: a.end_offset,
        quote: a.quote,
        createdAt: a.created_at,
      })),
      hidden,
    ),
    voided: row.voided_at ? { at: row.voided_at, byName: row.voider_name ?? "", reason: row.void_reason ?? "" } : null,
    editable: row.status === "draft" && row.reviewer_id === viewer.id,
  };
}
