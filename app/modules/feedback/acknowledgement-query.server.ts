/**
 * The acknowledgement rule (acknowledgement-rule.ts) as SQL, for lists that filter, count and
 * order by it. Each fragment reads the row of `evaluations` and its `scorecards` row in the
 * enclosing query, and the evaluation's acknowledgements and revisions by correlated
 * subqueries on their (evaluation_id, …) unique indexes.
 */
import { sql } from "kysely";
import { overdueCutoffs } from "./acknowledgement-rule";

/** The pass/fail of the latest revision the agent acknowledged; null when none. */
const acknowledgedPassed = sql<boolean | null>`(
  SELECT ar.passed FROM evaluation_acknowledgements a
  JOIN evaluation_revisions ar ON ar.id = a.revision_id
  WHERE a.evaluation_id = evaluations.id
  ORDER BY ar.sequence DESC LIMIT 1
)`;

/** Released, counting, asked for by its scorecard, and nothing acknowledged with the current result. */
export const awaitingAcknowledgement = sql<boolean>`(
  scorecards.acknowledgement <> 'none'
  AND evaluations.status = 'submitted'
  AND evaluations.released_at IS NOT NULL
  AND ${acknowledgedPassed} IS DISTINCT FROM evaluations.passed
)`;

/** Whether an acknowledgement was made before (so this one is asked again). */
export const askedAgain = sql<boolean>`EXISTS (SELECT 1 FROM evaluation_acknowledgements a WHERE a.evaluation_id = evaluations.id)`;

/**
 * When it was asked: the release, or the first revision of the latest run whose result differs
 * from the one acknowledged, whichever is later. Meaningful only while awaiting. To the
 * millisecond, as a JavaScript Date holds it, so a keyset cursor made from it is exact.
 */
export const acknowledgementAskedAt = sql<Date>`date_trunc('milliseconds', GREATEST(evaluations.released_at, (
  SELECT min(r.created_at) FROM evaluation_revisions r
  WHERE r.evaluation_id = evaluations.id
    AND r.sequence > (
      SELECT max(r2.sequence) FROM evaluation_revisions r2
      WHERE r2.evaluation_id = evaluations.id AND r2.passed = ${acknowledgedPassed}
    )
)))`;

/** Awaiting, required, and past the end of its N-th day in the organisation's zone at `now`. */
export function acknowledgementOverdue(now: Date, timeZone: string) {
  const cutoffs = overdueCutoffs(now, timeZone).map((cutoff) => cutoff.toISOString());
  return sql<boolean>`(
    ${awaitingAcknowledgement}
    AND scorecards.acknowledgement = 'required'
    AND ${acknowledgementAskedAt} < (CAST(${cutoffs} AS timestamptz[]))[scorecards.acknowledgement_days]
  )`;
}
