/**
 * What to call a criterion on a report: its prompt, its section and its scorecard, from the
 * newest published version that has the question with that report key (a prompt may change
 * between versions and keep its history, question-results.ts). Read-only, no scope of its
 * own: it names criteria whose figures the caller has already read within the viewer's scope.
 */
import type { Database } from "../../lib/db.server";
import { isScoringQuestion, questionsInOrder, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import { questionKey } from "./question-results";
import { criterionKey } from "./query-range-totals.server";

export interface CriterionLabel {
  key: string;
  scorecardId: string;
  scorecardName: string;
  questionId: string;
  questionKey: string;
  prompt: string;
  section: string;
  /** Its place in its scorecard's newest version that has it, for listing criteria in the scorecard's order. */
  position: number;
}

/** Scorecard by name, then the scorecard's own order; criteria without a label last. */
export function byScorecardOrder(a: CriterionLabel | null, b: CriterionLabel | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return a.scorecardName.localeCompare(b.scorecardName) || a.scorecardId.localeCompare(b.scorecardId) || a.position - b.position;
}

export async function criterionLabels(db: Database, scorecardIds: readonly string[]): Promise<Map<string, CriterionLabel>> {
  const labels = new Map<string, CriterionLabel>();
  if (scorecardIds.length === 0) return labels;
  const versions = await db
    .selectFrom("scorecard_versions")
    .innerJoin("scorecards", "scorecards.id", "scorecard_versions.scorecard_id")
    .select(["scorecard_versions.scorecard_id", "scorecard_versions.definition", "scorecards.name"])
    .where("scorecard_versions.scorecard_id", "in", [...new Set(scorecardIds)])
    .where("scorecard_versions.status", "=", "published")
    .orderBy("scorecard_versions.version", "desc")
    .execute();
  for (const version of versions) {
    const parsed = scorecardDefinitionSchema.safeParse(version.definition);
    if (!parsed.success) continue;
    for (const [position, { section, question }] of questionsInOrder(parsed.data).entries()) {
      if (!isScoringQuestion(question)) continue;
      const key = criterionKey(version.scorecard_id, questionKey(question));
      if (labels.has(key)) continue;
      labels.set(key, {
        key,
        scorecardId: version.scorecard_id,
        scorecardName: version.name,
        questionId: question.id,
        questionKey: questionKey(question),
        prompt: question.prompt,
        section: section.title,
        position,
      });
    }
  }
  return labels;
}
