/**
 * A submitted evaluation a QA lead is about to correct or void, locked until the transaction
 * ends, with its pinned definition and the state in force. The checks follow the refusal rule
 * (access/refusals.ts): one the viewer may not see is "not found" (404, scopeEvaluations);
 * one they may see but not change is "forbidden" (403); bad input is 422; a draft, a void
 * one, one with a dispute open, or one changed since the page loaded is a conflict (409) whose message says what to do.
 * Whatever is refused, nothing has been written.
 */
import type { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf, notFound } from "../../lib/errors";
import { answersSchema, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { assertCan } from "../access/refusals";
import type { Viewer } from "../users/roles";

export async function lockSubmittedEvaluation<S extends z.ZodType<{ revision: number }>>(
  trx: Database,
  viewer: Viewer,
  evaluationId: string,
  schema: S,
  input: unknown,
  verb: "corrected" | "voided",
) {
  const row = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .leftJoin("evaluation_revisions as current", "current.id", "evaluations.current_revision_id")
    .select([
      "evaluations.id",
      "evaluations.status",
      "evaluations.kind",
      "evaluations.revision",
      "evaluations.assignment_id",
      "evaluations.scorecard_version_id",
      "evaluations.answers",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "current.sequence",
      "scorecard_versions.definition",
    ])
    .where("evaluations.id", "=", evaluationId)
    .forUpdate("evaluations")
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  assertCan(viewer, "evaluations:edit", `Only QA leads can correct or void an evaluation; this one cannot be ${verb} by you.`);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues);
    throw new DomainError("invalid", Object.values(fieldErrors).join(" "), fieldErrors);
  }
  // The agent's own judgement is theirs: correcting it would put words in their mouth, and it counts nowhere to void (docs/decisions/0025).
  if (row.kind === "self") throw new DomainError("conflict", `This is the agent's self-evaluation: it is theirs and cannot be ${verb}.`);
  // A draft (only ever the viewer's own, by the scope) has no revision yet.
  if (row.status === "draft" || row.sequence === null) {
    throw new DomainError("conflict", `This evaluation is still a draft: it cannot be ${verb} until its reviewer submits it.`);
  }
  if (row.status === "void") throw new DomainError("conflict", `This evaluation is void: it no longer counts and cannot be ${verb}.`);
  // A dispute decides these answers itself (docs/decisions/0022); its decision takes this same row lock.
  const dispute = await trx.selectFrom("disputes").select("id").where("evaluation_id", "=", evaluationId).where("state", "in", ["awaiting_supervisor", "open", "in_review"]).executeTakeFirst();
  if (dispute) {
    throw new DomainError("conflict", `A dispute on this evaluation is open: it cannot be ${verb} until the dispute is decided, declined or withdrawn.`);
  }
  if (row.revision !== parsed.data.revision) {
    throw new DomainError(
      "conflict",
      "This evaluation changed after this page loaded (somebody corrected it or it was re-scored). What you typed is still here: reload to see the current version, then try again.",
    );
  }
  const data: z.infer<S> = parsed.data;
  return {
    input: data,
    evaluation: {
      id: row.id,
      revision: row.revision,
      assignmentId: row.assignment_id,
      scorecardVersionId: row.scorecard_version_id,
      definition: scorecardDefinitionSchema.parse(row.definition),
      current: {
        revision: row.sequence,
        answers: answersSchema.parse(row.answers),
        score: row.score,
        passed: row.passed === true,
        autoFailed: row.auto_failed,
      },
    },
  };
}
