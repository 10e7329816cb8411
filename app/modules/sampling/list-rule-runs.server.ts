import type { Database } from "../../lib/db.server";

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

/** A rule's most recent runs, newest first. */
export async function listRuleRuns(db: Database, ruleId: string, limit = 20): Promise<RunSummary[]> {
  const rows = await db
    .selectFrom("sampling_runs")
    .select(["id", "period_key", "trigger", "status", "matched", "drawn", "assigned", "shortfall", "error", "started_at"])
    .where("rule_id", "=", ruleId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
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
  }));
}
