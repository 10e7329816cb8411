import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import {
  purposeOf,
  type Quota,
  type RulePurpose,
  type Schedule,
} from "./sampling-rule.schema";

export interface SamplingRuleListItem {
  id: string;
  name: string;
  scorecardName: string;
  active: boolean;
  schedule: Schedule;
  quota: Quota;
  reviewerCount: number;
  /** A self-evaluation rule asks the conversations' agents and has no reviewers. */
  purpose: RulePurpose;
  nextRunAt: Date | null;
  lastRun: {
    id: string;
    status: "completed" | "failed";
    periodKey: string;
    drawn: number;
    shortfall: number;
    finishedAt: Date;
  } | null;
}

/** Every rule with its latest run, by name. Rules are few (tens), so no paging. */
export async function listSamplingRules(
  db: Database,
  actor: Actor,
): Promise<SamplingRuleListItem[]> {
  assertCan(actor, "sampling:manage");
  const rows = await db
    .selectFrom("sampling_rules")
    .innerJoin("scorecards", "scorecards.id", "sampling_rules.scorecard_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("sampling_runs")
          .select([
            "id",
            "status",
            "period_key",
            "drawn",
            "shortfall",
            "finished_at",
          ])
          .whereRef("sampling_runs.rule_id", "=", "sampling_rules.id")
          .orderBy("started_at", "desc")
          .limit(1)
          .as("last_run"),
      (join) => join.onTrue(),
    )
    .select([
      "sampling_rules.id",
      "sampling_rules.name",
      "sampling_rules.active",
      "sampling_rules.settings",
      "sampling_rules.next_run_at",
      "scorecards.name as scorecard_name",
      "last_run.id as run_id",
      "last_run.status as run_status",
      "last_run.period_key",
      "last_run.drawn",
      "last_run.shortfall",
      "last_run.finished_at",
    ])
    .orderBy("sampling_rules.name")
    .execute();
  return rows.map((row) => {
    const settings = row.settings as {
      schedule: Schedule;
      quota: Quota;
      reviewerIds: string[];
      purpose?: RulePurpose;
    };
    return {
      id: row.id,
      name: row.name,
      scorecardName: row.scorecard_name,
      active: row.active,
      schedule: settings.schedule,
      quota: settings.quota,
      reviewerCount: settings.reviewerIds.length,
      purpose: purposeOf(settings),
      nextRunAt: row.next_run_at,
      lastRun:
        row.run_id && row.finished_at
          ? {
              id: row.run_id,
              status: row.run_status as "completed" | "failed",
              periodKey: row.period_key ?? "",
              drawn: row.drawn ?? 0,
              shortfall: row.shortfall ?? 0,
              finishedAt: row.finished_at,
            }
          : null,
    };
  });
}
