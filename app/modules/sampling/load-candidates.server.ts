/**
 * The reads a sampling run is made of (DESIGN.md "Sampling"): the interactions that pass
 * a rule's filters in a period, those already taken for the scorecard, and the agents
 * expected to appear. Every read is bounded by the period on `interactions_started_idx`,
 * never a scan of the table, never `ORDER BY random()`: ranking happens in rank.ts over the
 * ids read here.
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Database } from "../../lib/db.server";
import type { Period } from "./period";
import type { SamplingFilters } from "./sampling-rule.schema";

export interface CandidateRow {
  id: string;
  agentId: string;
}

type InteractionQuery<O> = SelectQueryBuilder<DB, "interactions", O>;

/** Applies a rule's filters and period to a query over `interactions`. Failed imports are never sampled. */
export function whereMatchesRule<O>(query: InteractionQuery<O>, filters: SamplingFilters, period: Period): InteractionQuery<O> {
  let q = query
    .where("interactions.started_at", ">=", period.start)
    .where("interactions.started_at", "<", period.end)
    .where("interactions.status", "!=", "failed");
  if (filters.channels.length > 0) q = q.where("interactions.channel", "in", filters.channels);
  if (filters.teamIds.length > 0) q = q.where("interactions.team_id", "in", filters.teamIds);
  if (filters.agentIds.length > 0) q = q.where("interactions.agent_id", "in", filters.agentIds);
  if (filters.queues.length > 0) q = q.where("interactions.queue", "in", filters.queues);
  if (filters.tags.length > 0) {
    const tags = sql`${sql.val(filters.tags)}::text[]`;
    q = q.where(filters.tagsMode === "all" ? sql<boolean>`interactions.tags @> ${tags}` : sql<boolean>`interactions.tags && ${tags}`);
  }
  if (filters.durationMinMs !== undefined) q = q.where("interactions.duration_ms", ">=", filters.durationMinMs);
  if (filters.durationMaxMs !== undefined) q = q.where("interactions.duration_ms", "<=", filters.durationMaxMs);
  const metadata = Object.entries(filters.metadata);
  if (metadata.length > 0) {
    // Every pair must match; values compare as text, the way the rule form stores them. A key
    // the interaction lacks compares as NULL, which bool_and would skip: it counts as a miss.
    const wanted = Object.fromEntries(metadata);
    q = q.where(
      sql<boolean>`(SELECT bool_and(coalesce(interactions.metadata ->> k = v, false)) FROM jsonb_each_text(${JSON.stringify(wanted)}::jsonb) AS m(k, v))`,
    );
  }
  return q;
}

export async function loadCandidates(db: Database, filters: SamplingFilters, period: Period, agentId?: string): Promise<CandidateRow[]> {
  let q = whereMatchesRule(db.selectFrom("interactions").select(["interactions.id", "interactions.agent_id as agentId"]), filters, period);
  if (agentId) q = q.where("interactions.agent_id", "=", agentId);
  return q.execute();
}

export interface AgentCandidates {
  agentId: string;
  /** The agent's matching interaction ids, in no particular order. */
  ids: string[];
}

/**
 * The query behind `loadCandidatesByAgent`: loadCandidates' rows folded into one row per
 * agent, the ids joined by commas (uuids have none). Exported so the benchmark can EXPLAIN
 * the query a run really sends.
 */
export function candidatesByAgentQuery(db: Database, filters: SamplingFilters, period: Period) {
  return whereMatchesRule(
    db.selectFrom("interactions").select(["interactions.agent_id as agentId", sql<string>`string_agg(interactions.id::text, ',')`.as("ids")]),
    filters,
    period,
  ).groupBy("interactions.agent_id");
}

/**
 * The same interactions as loadCandidates, grouped per agent, for a run's draw. A week is
 * ~77,000 rows in the benchmark: one row per agent (~1,000) spares the driver a row object
 * and two uuid strings per candidate, and the draw a lookup by agent id per candidate, which
 * cost more than the grouping does in PostgreSQL (docs/benchmarks.md, "Sampling").
 */
export async function loadCandidatesByAgent(db: Database, filters: SamplingFilters, period: Period): Promise<AgentCandidates[]> {
  const rows = await candidatesByAgentQuery(db, filters, period).execute();
  return rows.map((row) => ({ agentId: row.agentId, ids: row.ids.split(",") }));
}

/**
 * Interactions of the period that already have an assignment (open, done or skipped) or a
 * review evaluation for the scorecard: a run never draws them again. A voided review and the
 * assignment it completed do not count (docs/decisions/0020): that conversation may be drawn again.
 */
export async function loadTaken(
  db: Database,
  scorecardId: string,
  filters: SamplingFilters,
  period: Period,
  agentId?: string,
): Promise<Set<string>> {
  let matching = whereMatchesRule(db.selectFrom("interactions").select("interactions.id"), filters, period);
  if (agentId) matching = matching.where("interactions.agent_id", "=", agentId);
  const rows = await db
    .selectFrom("assignments")
    .select("assignments.interaction_id as id")
    .where("assignments.scorecard_id", "=", scorecardId)
    .where("assignments.voided_at", "is", null)
    .where("assignments.interaction_id", "in", matching)
    .union(
      db
        .selectFrom("evaluations")
        .select("evaluations.interaction_id as id")
        .where("evaluations.scorecard_id", "=", scorecardId)
        .where("evaluations.kind", "=", "review")
        .where("evaluations.status", "!=", "void")
        .where("evaluations.interaction_id", "in", matching),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Agents a run (and the coverage page) reports on even when none of their interactions
 * matched, so "N per agent" shows who fell short (decision 0010): the agents the rule names;
 * else every agent who handled an interaction in the rule's scope in the period — its teams,
 * channels and queues — whether or not that interaction passed the rule's narrower filters
 * (tags, duration, metadata). Agents who never work the rule's channel or queue, or did not
 * work in the period, are short of nothing and not listed.
 */
export async function loadExpectedAgents(db: Database, filters: SamplingFilters, period: Period): Promise<string[]> {
  if (filters.agentIds.length > 0) return filters.agentIds;
  const { tags, durationMinMs, durationMaxMs, metadata, ...scope } = filters;
  // Without narrower filters the scope is exactly what matched, and those agents are listed anyway.
  if (tags.length === 0 && durationMinMs === undefined && durationMaxMs === undefined && Object.keys(metadata).length === 0) return [];
  const rows = await whereMatchesRule(db.selectFrom("interactions").select("interactions.agent_id").distinct(), { ...scope, tags: [], metadata: {} }, period).execute();
  return rows.map((row) => row.agent_id);
}
