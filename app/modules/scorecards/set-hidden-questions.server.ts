/**
 * Marks which questions of a scorecard are hidden from agents (qa_lead, admin): the whole set
 * at once, for every version and every evaluation already scored, since it is not part of a
 * version. A scored question is refused with a message naming it; nothing is changed then.
 */
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { userIdOf } from "../audit/actor";
import { DomainError, notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { hidingProblems, questionVisibility } from "./question-visibility";
import { scorecardDefinitionSchema } from "./scorecard-definition.schema";

export async function setHiddenQuestions(db: Database, actor: Actor, scorecardId: string, questionIds: readonly string[]): Promise<{ hidden: string[] }> {
  assertCan(actor, "scorecards:manage");
  const wanted = [...new Set(questionIds)].sort();
  return db.transaction().execute(async (trx) => {
    // Locks the scorecard: a draft published meanwhile cannot slip a scored question in.
    const scorecard = await trx.selectFrom("scorecards").select("id").where("id", "=", scorecardId).forUpdate().executeTakeFirst();
    if (!scorecard) throw notFound("Scorecard");
    const [versions, before] = await Promise.all([
      trx.selectFrom("scorecard_versions").select("definition").where("scorecard_id", "=", scorecardId).orderBy("version", "desc").execute(),
      trx.selectFrom("scorecard_hidden_questions").select("question_id").where("scorecard_id", "=", scorecardId).execute(),
    ]);
    const questions = questionVisibility(
      versions.map((version) => scorecardDefinitionSchema.parse(version.definition)),
      [],
    );
    const problems = hidingProblems(questions, wanted);
    const messages = Object.values(problems);
    if (messages.length > 0) {
      throw new DomainError("invalid", messages.join(" "), Object.fromEntries(Object.entries(problems).map(([id, message]) => [`hidden.${id}`, message])));
    }
    await trx.deleteFrom("scorecard_hidden_questions").where("scorecard_id", "=", scorecardId).execute();
    if (wanted.length > 0) {
      await trx
        .insertInto("scorecard_hidden_questions")
        .values(wanted.map((questionId) => ({ scorecard_id: scorecardId, question_id: questionId, hidden_by: userIdOf(actor) })))
        .execute();
    }
    await recordAudit(trx, {
      actorId: actor,
      action: "scorecard.hidden_questions",
      entityType: "scorecard",
      entityId: scorecardId,
      before: { hidden: before.map((row) => row.question_id).sort() },
      after: { hidden: wanted },
    });
    return { hidden: wanted };
  });
}
