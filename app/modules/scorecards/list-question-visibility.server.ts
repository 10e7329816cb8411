/**
 * The questions of a scorecard (over all its versions) and which of them are hidden from
 * agents, for the scorecard page; and the hidden ids alone, for an agent's evaluation view.
 */
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { questionVisibility, type QuestionVisibility } from "./question-visibility";
import { scorecardDefinitionSchema } from "./scorecard-definition.schema";

export async function listHiddenQuestionIds(db: Database, scorecardId: string): Promise<string[]> {
  const rows = await db.selectFrom("scorecard_hidden_questions").select("question_id").where("scorecard_id", "=", scorecardId).execute();
  return rows.map((row) => row.question_id);
}

export async function listQuestionVisibility(db: Database, actor: Actor, scorecardId: string): Promise<QuestionVisibility[]> {
  assertCan(actor, "scorecards:manage");
  const [versions, hidden] = await Promise.all([
    db.selectFrom("scorecard_versions").select("definition").where("scorecard_id", "=", scorecardId).orderBy("version", "desc").execute(),
    listHiddenQuestionIds(db, scorecardId),
  ]);
  return questionVisibility(
    versions.map((version) => scorecardDefinitionSchema.parse(version.definition)),
    hidden,
  );
}
