/**
 * The lead's view of review work: open, done and overdue per reviewer and per rule. "Done"
 * and "skipped" count what was closed since `doneSince` (the route's period: the last 7 days
 * by default), so the numbers describe current throughput rather than all history.
 *
 * Per rule: every active rule, even with nothing to show (a rule that drew nothing this week
 * is worth seeing), paused rules with work, then the work of deleted rules (by the name they
 * had), then manual work.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { openAssignmentsPage, toOpenAssignmentsPage, type OpenAssignmentBase } from "./open-assignments.server";

export interface WorkloadRow {
  id: string | null;
  name: string;
  open: number;
  overdue: number;
  done: number;
  skipped: number;
}

export interface RuleWorkloadRow extends WorkloadRow {
  /** rule: a rule that exists (see `active`); deleted: a deleted rule's name; manual: assigned by hand. */
  kind: "rule" | "deleted" | "manual";
  active: boolean;
}

export async function assignmentsDashboard(
  db: Database,
  actor: Actor,
  options: { now?: Date; doneSince?: Date } = {},
): Promise<{ perReviewer: WorkloadRow[]; perRule: RuleWorkloadRow[]; doneSince: Date }> {
  assertCan(actor, "assignments:manage");
  const now = options.now ?? new Date();
  const doneSince = options.doneSince ?? new Date(now.getTime() - 7 * 24 * 3_600_000);
  const tallies = [
    sql<number>`count(*) FILTER (WHERE assignments.status = 'open')::int`.as("open"),
    sql<number>`count(*) FILTER (WHERE assignments.status = 'open' AND assignments.due_at < ${now})::int`.as("overdue"),
    sql<number>`count(*) FILTER (WHERE assignments.status = 'done' AND assignments.closed_at >= ${doneSince})::int`.as("done"),
    sql<number>`count(*) FILTER (WHERE assignments.status = 'skipped' AND assignments.closed_at >= ${doneSince})::int`.as("skipped"),
  ] as const;
  const recentOrOpen = sql<boolean>`(assignments.status = 'open' OR assignments.closed_at >= ${doneSince})`;

  const [perReviewer, rules, withoutRule] = await Promise.all([
    db
      .selectFrom("users")
      .leftJoin("assignments", (join) => join.onRef("assignments.reviewer_id", "=", "users.id").on(recentOrOpen))
      .select(["users.id", "users.name", ...tallies])
      .where((eb) => eb.or([eb("users.role", "in", ["qa", "qa_lead"]), eb("assignments.id", "is not", null)]))
      .where((eb) => eb.or([eb("users.active", "=", true), eb("assignments.id", "is not", null)]))
      .groupBy(["users.id", "users.name"])
      .orderBy("users.name")
      .execute(),
    db
      .selectFrom("sampling_rules")
      .leftJoin("assignments", (join) => join.onRef("assignments.rule_id", "=", "sampling_rules.id").on(recentOrOpen))
      .select(["sampling_rules.id", "sampling_rules.name", "sampling_rules.active", ...tallies])
      .where((eb) => eb.or([eb("sampling_rules.active", "=", true), eb("assignments.id", "is not", null)]))
      .groupBy(["sampling_rules.id", "sampling_rules.name", "sampling_rules.active"])
      .orderBy("sampling_rules.name")
      .orderBy("sampling_rules.id")
      .execute(),
    // Manual work and deleted rules' work both have no rule_id; the kept name tells them apart.
    db
      .selectFrom("assignments")
      .select(["assignments.deleted_rule_name", ...tallies])
      .where("assignments.rule_id", "is", null)
      .where(recentOrOpen)
      .groupBy("assignments.deleted_rule_name")
      .orderBy(sql`assignments.deleted_rule_name NULLS LAST`)
      .execute(),
  ]);
  const perRule: RuleWorkloadRow[] = [
    ...rules.map(({ active, ...row }) => ({ ...row, kind: "rule" as const, active })),
    ...withoutRule.map(({ deleted_rule_name: deletedName, ...row }) => ({
      ...row,
      id: null,
      name: deletedName ?? "",
      kind: deletedName === null ? ("manual" as const) : ("deleted" as const),
      active: false,
    })),
  ];
  return { perReviewer, perRule, doneSince };
}

export interface OpenAssignmentRow extends OpenAssignmentBase {
  agentId: string;
  reviewerId: string;
  reviewerName: string;
}

/** Open assignments for the dashboard's table, due soonest first, optionally one reviewer's or one rule's. */
export async function listOpenAssignments(
  db: Database,
  actor: Actor,
  query: { reviewerId?: string; ruleId?: string; overdueOnly?: boolean; after?: { dueAt: Date; id: string }; limit: number; now?: Date },
): Promise<{ items: OpenAssignmentRow[]; next: { dueAt: Date; id: string } | null }> {
  assertCan(actor, "assignments:manage");
  const now = query.now ?? new Date();
  let q = openAssignmentsPage(db, query)
    .innerJoin("users as reviewer", "reviewer.id", "assignments.reviewer_id")
    .select(["assignments.reviewer_id", "interactions.agent_id", "reviewer.name as reviewer_name"]);
  if (query.reviewerId) q = q.where("assignments.reviewer_id", "=", query.reviewerId);
  if (query.ruleId) q = q.where("assignments.rule_id", "=", query.ruleId);
  if (query.overdueOnly) q = q.where("assignments.due_at", "<", now);
  return toOpenAssignmentsPage(await q.execute(), query.limit, now, (row) => ({
    agentId: row.agent_id,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
  }));
}
