import { sql } from "kysely";
import type { Database } from "../../lib/db.server";

/** A reviewer as the sampling draw hands out work to them (sampling/assign.ts). */
export interface ReviewerLoad {
  id: string;
  /** Assignments the reviewer has open now, across rules. */
  openCount: number;
  /** How many more this rule may give them in the period; null for no cap. */
  capRemaining: number | null;
}

/** Roles that work a review queue (DESIGN.md "Who uses it"). */
export const reviewerRoles = ["qa", "qa_lead"] as const;

/**
 * The pool as assignReviewers sees it: active reviewers with their open work across all
 * rules, and what the rule's per-period cap still allows (skipped ones do not count).
 */
export async function loadReviewerLoads(
  db: Database,
  input: { reviewerIds: readonly string[]; ruleId: string | null; periodKey: string | null; capPerReviewer: number | undefined },
): Promise<ReviewerLoad[]> {
  if (input.reviewerIds.length === 0) return [];
  const reviewers = await db
    .selectFrom("users")
    .select("users.id")
    .select((eb) =>
      eb
        .selectFrom("assignments")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("assignments.reviewer_id", "=", "users.id")
        .where("assignments.status", "=", "open")
        .as("openCount"),
    )
    .where("users.id", "in", input.reviewerIds)
    .where("users.active", "=", true)
    .where("users.role", "in", reviewerRoles)
    .execute();

  const usedInPeriod = new Map<string, number>();
  if (input.capPerReviewer !== undefined && input.ruleId && input.periodKey) {
    const rows = await db
      .selectFrom("assignments")
      .innerJoin("sampling_runs", "sampling_runs.id", "assignments.run_id")
      .select(["assignments.reviewer_id", sql<number>`count(*)::int`.as("n")])
      .where("sampling_runs.rule_id", "=", input.ruleId)
      .where("sampling_runs.period_key", "=", input.periodKey)
      .where("assignments.status", "!=", "skipped")
      .groupBy("assignments.reviewer_id")
      .execute();
    for (const row of rows) usedInPeriod.set(row.reviewer_id, row.n);
  }
  const cap = input.capPerReviewer;
  return reviewers.map((reviewer) => ({
    id: reviewer.id,
    openCount: reviewer.openCount ?? 0,
    capRemaining: cap === undefined ? null : Math.max(0, cap - (usedInPeriod.get(reviewer.id) ?? 0)),
  }));
}
