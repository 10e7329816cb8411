/**
 * The parts of a sampling run that differ for a self-evaluation rule (purpose `self`,
 * docs/decisions/0025): what counts as already taken, and the requests written instead of
 * review assignments. A request always goes to the conversation's own agent, read from the
 * interaction row in the same statement, so no caller can aim one at anybody else.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import { whereMatchesRule } from "./load-candidates.server";
import type { Period } from "./period";
import type { SamplingFilters } from "./sampling-rule.schema";

/** Saving and running a self-evaluation rule both need the organisation's switch on. */
export async function assertSelfEvaluationEnabled(db: Database): Promise<void> {
  const settings = await getOrganisationSettings(db);
  if (!settings.selfEvaluationEnabled) {
    throw new DomainError("invalid", "Self-evaluation is turned off for the organisation: an administrator can turn it on in Settings.", {
      purpose: "Self-evaluation is turned off for the organisation",
    });
  }
}

/**
 * Conversations of the period a self-evaluation rule never draws: those already requested
 * (by any rule) or self-evaluated, and those whose review was released to the agent, since
 * self-evaluation is locked from then on.
 */
export async function loadSelfTaken(db: Database, filters: SamplingFilters, period: Period): Promise<Set<string>> {
  const matching = whereMatchesRule(db.selectFrom("interactions").select("interactions.id"), filters, period);
  const rows = await db
    .selectFrom("self_evaluation_requests")
    .select("interaction_id as id")
    .where("interaction_id", "in", matching)
    .union(
      db
        .selectFrom("evaluations")
        .select("interaction_id as id")
        .where("interaction_id", "in", matching)
        .where((eb) => eb.or([eb("kind", "=", "self"), eb.and([eb("kind", "=", "review"), eb("released_at", "is not", null)])])),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

export interface SelfRequestBatch {
  interactionIds: string[];
  scorecardId: string;
  ruleId: string;
  runId: string;
  dueAt: Date;
}

/**
 * Writes one request per drawn conversation, to its agent. ON CONFLICT keeps a concurrent or
 * repeated run from asking twice; the count returned is what this run really added.
 */
export async function insertSelfEvaluationRequests(db: Database, batch: SelfRequestBatch): Promise<number> {
  if (batch.interactionIds.length === 0) return 0;
  const result = await db
    .insertInto("self_evaluation_requests")
    .columns(["interaction_id", "agent_id", "scorecard_id", "rule_id", "run_id", "due_at"])
    .expression(
      sql`SELECT i.id, i.agent_id, ${batch.scorecardId}::uuid, ${batch.ruleId}::uuid, ${batch.runId}::uuid, ${batch.dueAt}::timestamptz
          FROM interactions i WHERE i.id = ANY(${batch.interactionIds}::uuid[])`,
    )
    .onConflict((oc) => oc.column("interaction_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
