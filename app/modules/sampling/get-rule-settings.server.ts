import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { samplingRuleSchema, type SamplingRuleSettings } from "./sampling-rule.schema";

export interface StoredRule {
  id: string;
  name: string;
  scorecardId: string;
  seed: string;
  active: boolean;
  nextRunAt: Date | null;
  settings: SamplingRuleSettings;
}

/**
 * A rule as the run and the job read it. Stored settings were validated when saved; they
 * are parsed again so a rule saved by an older version fails loudly rather than half-runs.
 */
export async function getRuleSettings(db: Database, ruleId: string): Promise<StoredRule> {
  const row = await db
    .selectFrom("sampling_rules")
    .select(["id", "name", "scorecard_id", "seed", "active", "next_run_at", "settings"])
    .where("id", "=", ruleId)
    .executeTakeFirst();
  if (!row) throw notFound("Sampling rule");
  const settings = samplingRuleSchema.parse({ ...(row.settings as object), name: row.name, scorecardId: row.scorecard_id });
  return {
    id: row.id,
    name: row.name,
    scorecardId: row.scorecard_id,
    seed: row.seed,
    active: row.active,
    nextRunAt: row.next_run_at,
    settings,
  };
}
