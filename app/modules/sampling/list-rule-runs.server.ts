import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";

export interface RunSummary {
  id: string;
  periodKey: string;
  trigger: "manual" | "schedule";
  status: "completed" | "failed";
  matched: number;
  drawn: number;
  assigned: number;
  shortfall: number;
  error: string | null;
  startedAt: Date;
}

/**
 * A rule's runs, newest first, a page at a time over `sampling_runs_rule_idx` (rule_id,
 * started_at desc). Keyset: `before` is the last run of the previous page, whose place is
 * read again, so the link is only a run id and a run started meanwhile shifts nothing.
 */
export async function listRuleRuns(
  db: Database,
  actor: Actor,
  ruleId: string,
  query: { before?: string; limit: number },
): Promise<{ items: RunSummary[]; next: string | null }> {
  assertCan(actor, "sampling:manage");
  let q = db
    .selectFrom("sampling_runs")
    .select(["id", "period_key", "trigger", "status", "matched", "drawn", "assigned", "shortfall", "error", "started_at"])
    .where("rule_id", "=", ruleId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.before) {
    q = q.where(sql<boolean>`(started_at, id) < (SELECT c.started_at, c.id FROM sampling_runs c WHERE c.id = ${query.before} AND c.rule_id = ${ruleId})`);
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      periodKey: row.period_key,
      trigger: row.trigger as RunSummary["trigger"],
      status: row.status as RunSummary["status"],
      matched: row.matched,
      drawn: row.drawn,
      assigned: row.assigned,
      shortfall: row.shortfall,
      error: row.error,
      startedAt: row.started_at,
    })),
    next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
