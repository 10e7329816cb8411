import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Viewer } from "../users/roles";
import { evaluationVisibleTo } from "./evaluation-scope.server";

/**
 * An annotation is visible exactly when its evaluation is (evaluation-scope.server.ts). The
 * questions a scorecard hides from agents, and the annotations linked to them, are left out
 * of an agent's view of the evaluation by evaluations/hidden-answers.ts.
 */
export function scopeAnnotations<O>(query: SelectQueryBuilder<DB, "annotations", O>, viewer: Viewer): SelectQueryBuilder<DB, "annotations", O> {
  return query.where(sql<boolean>`EXISTS (
    SELECT 1 FROM evaluations JOIN interactions ON interactions.id = evaluations.interaction_id
    WHERE evaluations.id = annotations.evaluation_id AND ${evaluationVisibleTo(viewer)}
  )`);
}
