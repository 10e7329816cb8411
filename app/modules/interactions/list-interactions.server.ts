import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Database } from "../../lib/db.server";
import { addDays, parseLocalDate, startOfLocalDay } from "../../lib/time";
import { interactionScope } from "../access/permissions";
import type { Viewer } from "../users/roles";
import { evaluationVisibleTo } from "../access/evaluation-scope.server";
import { scopeInteractions } from "../access/interaction-scope.server";
import type { InteractionFilters } from "./interaction-filters";
import { selectInteractionSummary, toInteractionSummary, type InteractionSummary } from "./interaction-summary.server";
import { looseQueueScan } from "./list-queues.server";

/** A row of the interactions page: the summary every list shares, flattened, with the metadata's own summary line. */
export interface InteractionListItem
  extends Pick<InteractionSummary, "id" | "channel" | "startedAt" | "durationMs" | "queue" | "customerName" | "tags" | "status"> {
  agentName: string;
  teamName: string | null;
  summary: string | null;
}

export interface InteractionListQuery extends InteractionFilters {
  /** Keyset cursor: the (started_at, id) of the last row on the previous page. */
  before?: { startedAt: Date; id: string };
  limit: number;
  /** The zone `from`/`to` dates are days of (the organisation's); UTC when not given. */
  timeZone?: string;
}

/**
 * The viewer's interactions, newest first, keyset-paged on (started_at, id),
 * narrowed by the filters (see `filterInteractions`).
 */
export async function listInteractions(
  db: Database,
  viewer: Viewer,
  query: InteractionListQuery,
): Promise<{ items: InteractionListItem[]; next: { startedAt: Date; id: string } | null }> {
  const q = interactionListQuery(db, viewer, query);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const interaction = toInteractionSummary(row);
      return {
        id: interaction.id,
        channel: interaction.channel,
        startedAt: interaction.startedAt,
        durationMs: interaction.durationMs,
        agentName: interaction.agent.name,
        teamName: interaction.team?.name ?? null,
        queue: interaction.queue,
        customerName: interaction.customerName,
        tags: interaction.tags,
        status: interaction.status,
        summary: summaryOf(interaction.metadata),
      };
    }),
    next: rows.length > query.limit && last ? { startedAt: last.started_at, id: last.id } : null,
  };
}

/** The list's SQL, unexecuted: `listInteractions` runs it, the index tests EXPLAIN it. */
export function interactionListQuery(db: Database, viewer: Viewer, query: InteractionListQuery) {
  let q = selectInteractionSummary(
    whereEvaluated(filterInteractions(scopeInteractions(db.selectFrom("interactions"), viewer), query, query.timeZone ?? "UTC"), query.evaluated, viewer),
  )
    .orderBy("interactions.started_at", "desc")
    .orderBy("interactions.id", "desc")
    .limit(query.limit + 1);
  const before = query.before;
  if (before) {
    q = q.where((eb) =>
      eb(eb.refTuple("interactions.started_at", "interactions.id"), "<", eb.tuple(before.startedAt, before.id)),
    );
  }
  return q;
}

/**
 * Narrows a query over `interactions` by the list's filters. Every predicate is
 * written so an index can answer it, and none wraps a column in a function:
 *
 * - team, agent: equality on the leading column of the (…, started_at, id) btree
 *   indexes, which also serve the newest-first keyset order;
 * - from/to: a range on started_at, from the first instant of the From day to the first
 *   instant of the day after To in the organisation's zone (`startOfLocalDay`, the rule of
 *   decision 0017: PostgreSQL's `AT TIME ZONE` would take the later of a repeated midnight);
 * - tags: array overlap (`&&`), answered by the GIN index on tags;
 * - words: `search_vector @@ websearch_to_tsquery('english', …)`, the stored
 *   generated column and its GIN index (never `to_tsvector(transcript_text)`);
 * - channel, status, queue and length are few-valued or ranges: they filter the
 *   rows an index walk yields, which the LIMIT of a page keeps short.
 */
export function filterInteractions<O>(
  query: SelectQueryBuilder<DB, "interactions", O>,
  filters: InteractionFilters,
  timeZone: string,
): SelectQueryBuilder<DB, "interactions", O> {
  let q = query;
  if (filters.channel) q = q.where("interactions.channel", "=", filters.channel);
  if (filters.teamId) q = q.where("interactions.team_id", "=", filters.teamId);
  if (filters.agentId) q = q.where("interactions.agent_id", "=", filters.agentId);
  const from = filters.from ? parseLocalDate(filters.from) : null;
  const to = filters.to ? parseLocalDate(filters.to) : null;
  if (from) q = q.where("interactions.started_at", ">=", startOfLocalDay(from, timeZone));
  if (to) q = q.where("interactions.started_at", "<", startOfLocalDay(addDays(to, 1), timeZone));
  if (filters.minMinutes !== undefined) q = q.where("interactions.duration_ms", ">=", Math.round(filters.minMinutes * 60_000));
  if (filters.maxMinutes !== undefined) q = q.where("interactions.duration_ms", "<=", Math.round(filters.maxMinutes * 60_000));
  const tags = filters.tags;
  if (tags?.length) q = q.where("interactions.tags", "&&", sql<string[]>`cast(${tags} as text[])`);
  if (filters.queue) q = q.where("interactions.queue", "=", filters.queue);
  if (filters.status) q = q.where("interactions.status", "=", filters.status);
  const words = filters.words;
  if (words) q = q.where(sql<boolean>`interactions.search_vector @@ websearch_to_tsquery('english', ${words})`);
  return q;
}

/**
 * "Evaluated or not": whether the interaction has a submitted review evaluation the viewer
 * may see (access/evaluation-scope.server.ts: agents count only those released to them), so
 * the filter never reveals one they may not see yet. An EXISTS probe per row on
 * evaluations_interaction_idx, within the page's walk.
 */
function whereEvaluated<O>(
  query: SelectQueryBuilder<DB, "interactions", O>,
  evaluated: InteractionFilters["evaluated"],
  viewer: Viewer,
): SelectQueryBuilder<DB, "interactions", O> {
  if (!evaluated) return query;
  return query.where((eb) => {
    const submitted = eb
      .selectFrom("evaluations")
      .select("evaluations.id")
      .whereRef("evaluations.interaction_id", "=", "interactions.id")
      .where("evaluations.status", "=", "submitted")
      .where("evaluations.kind", "=", "review")
      .where(evaluationVisibleTo(viewer));
    return evaluated === "yes" ? eb.exists(submitted) : eb.not(eb.exists(submitted));
  });
}

/**
 * Whether the words leave anything to search for: "the" or "and it" reduce to an
 * empty query (stop words), which would silently match nothing.
 */
export async function hasSearchableWords(db: Database, words: string): Promise<boolean> {
  const { rows } = await sql<{ nodes: number }>`select numnode(websearch_to_tsquery('english', ${words})) as nodes`.execute(db);
  return (rows[0]?.nodes ?? 0) > 0;
}

export interface InteractionFilterOptions {
  teams: { id: string; name: string }[];
  agents: { id: string; name: string; active: boolean }[];
  queues: string[];
}

/**
 * What the filter selects offer: the teams and agents the viewer may see and the
 * queues of the interactions in their scope. An agent sees only their own
 * conversations, so they get no team or agent choice.
 */
export async function listInteractionFilterOptions(db: Database, viewer: Viewer): Promise<InteractionFilterOptions> {
  const scope = interactionScope(viewer);
  if (scope.kind === "own") return { teams: [], agents: [], queues: await listQueues(db, viewer) };
  const teamIds = scope.kind === "teams" ? scope.teamIds : null;
  if (teamIds?.length === 0) return { teams: [], agents: [], queues: [] };

  let teams = db.selectFrom("teams").select(["teams.id", "teams.name"]).orderBy("teams.name");
  let agents = db
    .selectFrom("users")
    .select(["users.id", "users.name", "users.active"])
    .where("users.role", "=", "agent")
    .orderBy("users.name")
    .orderBy("users.id");
  if (teamIds) {
    teams = teams.where("teams.id", "in", teamIds);
    agents = agents.where((eb) =>
      eb.exists(
        eb
          .selectFrom("team_members")
          .select("team_members.user_id")
          .whereRef("team_members.user_id", "=", "users.id")
          .where("team_members.kind", "=", "agent")
          .where("team_members.team_id", "in", teamIds),
      ),
    );
  }
  const [teamRows, agentRows, queues] = await Promise.all([teams.execute(), agents.execute(), listQueues(db, viewer)]);
  return { teams: teamRows, agents: agentRows, queues };
}

/**
 * Distinct queues in the viewer's scope, without reading every row: a loose index
 * scan over interactions_team_queue_idx (team_id, queue), one index probe per team
 * and queue, however many millions of interactions there are (PostgreSQL 15 has no
 * skip scan, and `select distinct` would read them all). Everything (QA, admins) is
 * every team plus the interactions of agents without a team; a supervisor, their
 * teams. An agent's own interactions are few: de-duplicated from the agent index.
 */
async function listQueues(db: Database, viewer: Viewer): Promise<string[]> {
  const loose = queuesInScopeQuery(viewer);
  if (loose) {
    const { rows } = await loose.execute(db);
    return [...new Set(rows.map((row) => row.queue))];
  }
  const rows = await scopeInteractions(db.selectFrom("interactions"), viewer)
    .select("interactions.queue")
    .distinct()
    .where("interactions.queue", "is not", null)
    .orderBy("interactions.queue")
    .execute();
  return rows.map((row) => row.queue).filter((queue): queue is string => queue !== null);
}

/** The loose index scan of `listQueues` for team and organisation-wide scopes (null for an agent's). */
export function queuesInScopeQuery(viewer: Viewer) {
  const scope = interactionScope(viewer);
  if (scope.kind === "own") return null;
  return looseQueueScan(scope.kind === "all" ? null : scope.teamIds);
}

function summaryOf(metadata: Record<string, unknown>): string | null {
  return typeof metadata.summary === "string" ? metadata.summary : null;
}

export async function countInteractionsSince(db: Database, viewer: Viewer, since: Date) {
  const row = await scopeInteractions(db.selectFrom("interactions"), viewer)
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("interactions.id").filterWhere("interactions.channel", "=", "call").as("calls"),
      eb.fn.count<number>("interactions.id").filterWhere("interactions.channel", "=", "chat").as("chats"),
    ])
    .where("interactions.started_at", ">=", since)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), calls: Number(row.calls), chats: Number(row.chats) };
}
