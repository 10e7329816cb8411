/**
 * Publishing makes the draft an immutable version: the database refuses any later change to
 * a published version (migration …190000), and every evaluation stays pinned to the
 * version it was scored with (DESIGN.md "Scorecards and score math").
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { userIdOf } from "../audit/actor";
import { DomainError } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { isScoringQuestion, type ScorecardDefinition } from "./scorecard-definition.schema";

/** A published version must be able to produce a score: a weighted scoring question in a weighted section. */
export function publishProblem(definition: ScorecardDefinition): string | null {
  const scores = definition.sections.some((section) => section.weight > 0 && section.questions.some((q) => isScoringQuestion(q) && q.weight > 0));
  return scores
    ? null
    : "Add at least one scoring question (yes/no, scale or choice) with a weight above 0, in a section with a weight above 0, before publishing.";
}

export async function publishScorecardDraft(db: Database, actor: Actor, scorecardId: string, revision: number): Promise<{ version: number }> {
  assertCan(actor, "scorecards:manage");
  return db.transaction().execute(async (trx) => {
    const draft = await trx
      .selectFrom("scorecard_versions")
      .select(["id", "version", "revision", "definition"])
      .where("scorecard_id", "=", scorecardId)
      .where("status", "=", "draft")
      .forUpdate()
      .executeTakeFirst();
    if (!draft) throw new DomainError("conflict", "There is no draft to publish: it was published already.");
    if (draft.revision !== revision) throw new DomainError("conflict", "The draft changed since you opened it. Reload, check it, then publish.");
    const problem = publishProblem(draft.definition as unknown as ScorecardDefinition);
    if (problem) throw new DomainError("invalid", problem);
    await trx
      .updateTable("scorecard_versions")
      .set({ status: "published", published_at: sql`now()`, published_by: userIdOf(actor), updated_at: sql`now()` })
      .where("id", "=", draft.id)
      .execute();
    await recordAudit(trx, { actorId: actor, action: "scorecard.publish", entityType: "scorecard", entityId: scorecardId, after: { version: draft.version } });
    return { version: draft.version };
  });
}
