/**
 * The parts of a sampling run that differ for a self-evaluation rule (purpose `self`,
 * docs/decisions/0025): what counts as already taken, and the requests written instead of
 * review assignments. A request always goes to the conversation's own agent, read from the
 * interaction row in the same statement, so no caller can aim one at anybody else.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { formatDateTime } from "../../lib/time";
import { notify } from "../notifications/notify.server";
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
 * Writes one request per drawn conversation, to its agent, and tells each agent asked, in the
 * run's transaction. ON CONFLICT keeps a concurrent or repeated run from asking twice, and only
 * the requests this run really added are counted and notified: one notification per agent per
 * run (deduplicated on the run), however many conversations it asks of them.
 */
export async function insertSelfEvaluationRequests(db: Database, batch: SelfRequestBatch, timeZone: string): Promise<number> {
  if (batch.interactionIds.length === 0) return 0;
  const inserted = await db
    .insertInto("self_evaluation_requests")
    .columns(["interaction_id", "agent_id", "scorecard_id", "rule_id", "run_id", "due_at"])
    .expression(
      sql`SELECT i.id, i.agent_id, ${batch.scorecardId}::uuid, ${batch.ruleId}::uuid, ${batch.runId}::uuid, ${batch.dueAt}::timestamptz
          FROM interactions i WHERE i.id = ANY(${batch.interactionIds}::uuid[])`,
    )
    .onConflict((oc) => oc.column("interaction_id").doNothing())
    .returning("agent_id")
    .execute();
  const perAgent = new Map<string, number>();
  for (const row of inserted) perAgent.set(row.agent_id, (perAgent.get(row.agent_id) ?? 0) + 1);
  const due = formatDateTime(batch.dueAt, timeZone);
  await notify(
    db,
    [...perAgent].map(([recipientId, count]) => ({
      recipientId,
      kind: "self_evaluation_requested" as const,
      title: `You are asked to self-evaluate ${count === 1 ? "a conversation" : `${count} conversations`} by ${due}`,
      body: "Score them yourself on My feedback, under “To self-evaluate”, before their review is released to you.",
      link: "/feedback",
      dedupeKey: `self_evaluation_requested:${batch.runId}`,
    })),
  );
  return inserted.length;
}
