/**
 * The agent acknowledges an evaluation of their own conversation (issue 13 §3;
 * docs/architecture.md "The agent's feedback and acknowledgement"), against the revision their page showed, with an optional comment.
 *
 * Refusals (docs/decisions/0003), nothing written for any of them:
 * - not visible to the viewer (scopeEvaluations): 404, as an id that does not exist — so
 *   also the agent's own evaluation while it is a draft or not yet released to them, which
 *   their pages never show and a guessed id must not reveal;
 * - visible but not theirs to acknowledge (a supervisor, a QA lead; a self-evaluation): 403,
 *   only the agent acknowledges a review of their conversation;
 * - void, or on a scorecard that does not ask: 409 with a message;
 * - the page showed another revision than the current one: 409, reload first;
 * - a comment over 2,000 characters: 422 on the field.
 * Acknowledging the same revision again is idempotent: the first acknowledgement stands (its
 * comment too), nothing is duplicated and nothing more is audited; the answer says so.
 */
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf, notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import type { Viewer } from "../users/roles";
import { acknowledgementCommentSchema } from "./acknowledgement-rule";

export const acknowledgeInputSchema = z.object({
  revisionId: z.uuid({ error: "Reload the page: it does not say which version you are acknowledging" }),
  comment: acknowledgementCommentSchema.optional().transform((value) => value ?? null),
});
export type AcknowledgeInput = z.input<typeof acknowledgeInputSchema>;

export interface AcknowledgeOutcome {
  revision: number;
  acknowledgedAt: Date;
  /** False when this revision was already acknowledged: the earlier acknowledgement stands. */
  created: boolean;
}

export async function acknowledgeEvaluation(db: Database, viewer: Viewer, evaluationId: string, rawInput: AcknowledgeInput, now = new Date()): Promise<AcknowledgeOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
      .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
      .leftJoin("evaluation_revisions as current", "current.id", "evaluations.current_revision_id")
      .select([
        "evaluations.status",
        "evaluations.kind",
        "evaluations.current_revision_id",
        "interactions.agent_id",
        "scorecards.acknowledgement",
        "current.sequence",
      ])
      .where("evaluations.id", "=", evaluationId)
      .forUpdate("evaluations")
      .executeTakeFirst();
    if (!row) throw notFound("Evaluation");
    if (row.agent_id !== viewer.id || row.kind !== "review") throw new DomainError("forbidden", "Only the agent whose conversation it is acknowledges an evaluation.");
    if (row.status === "void") throw new DomainError("conflict", "This evaluation is void: it no longer counts, so there is nothing to acknowledge.");
    if (row.acknowledgement === "none") throw new DomainError("conflict", "Evaluations with this scorecard are not acknowledged.");

    const parsed = acknowledgeInputSchema.safeParse(rawInput);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error.issues);
      throw new DomainError("invalid", Object.values(fieldErrors).join(" "), fieldErrors);
    }
    const input = parsed.data;
    if (input.revisionId !== row.current_revision_id || row.sequence === null) {
      throw new DomainError(
        "conflict",
        "This evaluation changed after your page loaded. Your comment is still here: reload to read the current version, then acknowledge it.",
      );
    }
    const inserted = await trx
      .insertInto("evaluation_acknowledgements")
      .values({ evaluation_id: evaluationId, revision_id: input.revisionId, agent_id: viewer.id, comment: input.comment, acknowledged_at: now })
      .onConflict((oc) => oc.constraint("evaluation_acknowledgements_revision_key").doNothing())
      .returning("acknowledged_at")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom("evaluation_acknowledgements")
        .select("acknowledged_at")
        .where("evaluation_id", "=", evaluationId)
        .where("revision_id", "=", input.revisionId)
        .executeTakeFirstOrThrow();
      return { revision: row.sequence, acknowledgedAt: existing.acknowledged_at, created: false };
    }
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "evaluation.acknowledged",
      entityType: "evaluation",
      entityId: evaluationId,
      after: { revisionId: input.revisionId, revision: row.sequence, comment: input.comment },
    });
    return { revision: row.sequence, acknowledgedAt: inserted.acknowledged_at, created: true };
  });
}
