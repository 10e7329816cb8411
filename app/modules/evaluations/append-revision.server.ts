/**
 * Appends an immutable revision to an evaluation (docs/decisions/0020): every submitted state
 * — the first submit, a lead's correction, a dispute decision — is one row, numbered 1, 2, …
 * The caller holds the evaluation's row lock, so the next number is not raced, and points
 * evaluations.current_revision_id at the returned id in the same transaction.
 *
 * Reports (docs/decisions/0023): this is the one function a new revision path must call. It
 * writes the revision's per-question results beside it; pointing current_revision_id at the
 * revision then fires the database's report upkeep (trigger evaluations_report_refresh →
 * report_refresh), which rewrites the evaluation's report rows and roll-ups in the same
 * transaction. Nothing else is needed — and nothing else may write those tables.
 */
import type { Database } from "../../lib/db.server";
import type { Answers } from "../scorecards/scorecard-definition.schema";
import { questionResults } from "../reports/question-results";
import { scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { RecordedScore } from "./score-answers";

export const revisionCauses = ["submit", "dispute", "edit"] as const;
export type RevisionCause = (typeof revisionCauses)[number];

export interface NewRevision extends RecordedScore {
  evaluationId: string;
  scorecardVersionId: string;
  cause: RevisionCause;
  actorId: string;
  /** Required for anything but the first submit (a check in the table says so too). */
  reason: string | null;
  answers: Answers;
  /** When it was written; now unless a caller (the demo seed, through a use case) says otherwise. */
  at?: Date;
}

export async function appendRevision(trx: Database, revision: NewRevision): Promise<{ id: string; sequence: number }> {
  const last = await trx
    .selectFrom("evaluation_revisions")
    .select((eb) => eb.fn.max("sequence").as("sequence"))
    .where("evaluation_id", "=", revision.evaluationId)
    .executeTakeFirst();
  const sequence = (last?.sequence ?? 0) + 1;
  const row = await trx
    .insertInto("evaluation_revisions")
    .values({
      evaluation_id: revision.evaluationId,
      sequence,
      cause: revision.cause,
      answers: JSON.stringify(revision.answers),
      score: revision.score,
      passed: revision.passed,
      auto_failed: revision.autoFailed,
      scorecard_version_id: revision.scorecardVersionId,
      actor_id: revision.actorId,
      reason: revision.reason,
      ...(revision.at ? { created_at: revision.at } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await trx.selectFrom("scorecard_versions").select("definition").where("id", "=", revision.scorecardVersionId).executeTakeFirstOrThrow();
  // Parsed as every other reader does, so a stored definition that leaves out a default (a weight) reads with it.
  const results = questionResults(scorecardDefinitionSchema.parse(version.definition), revision.answers);
  if (results.length > 0) {
    await trx
      .insertInto("revision_question_results")
      .values(
        results.map((result) => ({
          revision_id: row.id,
          question_id: result.questionId,
          question_key: result.questionKey,
          section_id: result.sectionId,
          // Decimal text, so the numeric column gets exactly these digits.
          q: result.q as unknown as number,
          weight: result.weight,
          na: result.na,
          critical_failed: result.criticalFailed,
        })),
      )
      .execute();
  }
  return { id: row.id, sequence };
}
