import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { notFound } from "../../lib/errors";

/** What deleting a rule would do (see delete-sampling-rule.server.ts), for its confirmation. */
export interface RuleWorkCounts {
  ruleName: string;
  /** Open and not begun: cancelled by the delete. */
  notStarted: number;
  /** Open with a draft evaluation: stays with its reviewer to finish. */
  inProgress: number;
  /** Done or skipped before: kept as they are, labelled with the deleted rule's name. */
  done: number;
  skipped: number;
  /** Runs whose history goes with the rule. */
  runs: number;
}

/** Counts a rule's assignments (over `assignments_rule_idx`) the way `deleteSamplingRule` treats them, and its runs. */
export async function countRuleWork(db: Database, actor: Actor, ruleId: string): Promise<RuleWorkCounts> {
  assertCan(actor, "sampling:manage");
  const rule = await db.selectFrom("sampling_rules").select("name").where("id", "=", ruleId).executeTakeFirst();
  if (!rule) throw notFound("Sampling rule");
  const started = sql<boolean>`EXISTS (SELECT 1 FROM evaluations WHERE evaluations.assignment_id = assignments.id)`;
  const [work, runs] = await Promise.all([
    db
      .selectFrom("assignments")
      .select([
        sql<number>`count(*) FILTER (WHERE status = 'open' AND NOT ${started})::int`.as("notStarted"),
        sql<number>`count(*) FILTER (WHERE status = 'open' AND ${started})::int`.as("inProgress"),
        sql<number>`count(*) FILTER (WHERE status = 'done')::int`.as("done"),
        sql<number>`count(*) FILTER (WHERE status = 'skipped')::int`.as("skipped"),
      ])
      .where("rule_id", "=", ruleId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("sampling_runs").select(sql<number>`count(*)::int`.as("count")).where("rule_id", "=", ruleId).executeTakeFirstOrThrow(),
  ]);
  return { ruleName: rule.name, ...work, runs: runs.count };
}
