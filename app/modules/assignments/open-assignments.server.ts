/**
 * The open-assignment list both the dashboard (a lead's view of everybody's work) and "My
 * queue" (a reviewer's own) are built on: open work, due soonest first, keyset-paged on
 * (due_at, id), with the conversation, its agent, the scorecard and the rule that drew it.
 * Each caller narrows it and adds the columns only it shows.
 */
import type { Database } from "../../lib/db.server";
import type { DueCursor } from "./due";

/** One page of open work: `limit + 1` rows fetched to know whether another page follows. */
export function openAssignmentsPage(db: Database, { after, limit }: { after?: DueCursor; limit: number }) {
  let q = db
    .selectFrom("assignments")
    .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .innerJoin("scorecards", "scorecards.id", "assignments.scorecard_id")
    .leftJoin("sampling_rules", "sampling_rules.id", "assignments.rule_id")
    .select([
      "assignments.id",
      "assignments.interaction_id",
      "assignments.due_at",
      "interactions.channel",
      "interactions.started_at",
      "agent.name as agent_name",
      "scorecards.name as scorecard_name",
      "sampling_rules.name as rule_name",
      "assignments.deleted_rule_name",
    ])
    .where("assignments.status", "=", "open")
    .orderBy("assignments.due_at")
    .orderBy("assignments.id")
    .limit(limit + 1);
  if (after) q = q.where((eb) => eb(eb.refTuple("assignments.due_at", "assignments.id"), ">", eb.tuple(after.dueAt, after.id)));
  return q;
}

interface OpenAssignmentColumns {
  id: string;
  interaction_id: string;
  due_at: Date;
  channel: string;
  started_at: Date;
  agent_name: string;
  scorecard_name: string;
  rule_name: string | null;
  deleted_rule_name: string | null;
}

/** What every list of open work shows of a row. */
export interface OpenAssignmentBase {
  id: string;
  interactionId: string;
  channel: "call" | "chat" | "email";
  startedAt: Date;
  agentName: string;
  scorecardName: string;
  /** The rule that drew it, or the name it had when it was deleted; null for manual work. */
  ruleName: string | null;
  ruleDeleted: boolean;
  dueAt: Date;
  overdue: boolean;
}

/** The page's rows (mapped) and the cursor of the next page, or null on the last one. */
export function toOpenAssignmentsPage<R extends OpenAssignmentColumns, T>(
  rows: R[],
  limit: number,
  now: Date,
  extra: (row: R) => T,
): { items: (OpenAssignmentBase & T)[]; next: DueCursor | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      interactionId: row.interaction_id,
      channel: row.channel as OpenAssignmentBase["channel"],
      startedAt: row.started_at,
      agentName: row.agent_name,
      scorecardName: row.scorecard_name,
      ruleName: row.rule_name ?? row.deleted_rule_name,
      ruleDeleted: row.rule_name === null && row.deleted_rule_name !== null,
      dueAt: row.due_at,
      overdue: row.due_at.getTime() < now.getTime(),
      ...extra(row),
    })),
    next: rows.length > limit && last ? { dueAt: last.due_at, id: last.id } : null,
  };
}
