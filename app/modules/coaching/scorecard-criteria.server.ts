import type { Database } from "../../lib/db.server";
import { questionKey } from "../reports/question-results";
import { isScoringQuestion, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";

export interface Criterion {
  questionKey: string;
  questionId: string;
  prompt: string;
  section: string;
}

/**
 * The criteria a plan on this scorecard may focus on: the scoring questions of its latest
 * published version, keyed as reports key them. Empty for an unknown, archived or unpublished
 * scorecard.
 */
export async function scorecardCriteria(db: Database, scorecardId: string): Promise<{ name: string; criteria: Criterion[] } | null> {
  const row = await db
    .selectFrom("scorecard_versions as v")
    .innerJoin("scorecards as s", "s.id", "v.scorecard_id")
    .select(["s.name", "v.definition"])
    .where("v.scorecard_id", "=", scorecardId)
    .where("v.status", "=", "published")
    .where("s.archived_at", "is", null)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const definition = scorecardDefinitionSchema.parse(row.definition);
  const criteria = definition.sections.flatMap((section) =>
    section.questions.filter(isScoringQuestion).map((question) => ({ questionKey: questionKey(question), questionId: question.id, prompt: question.prompt, section: section.title })),
  );
  return { name: row.name, criteria };
}
