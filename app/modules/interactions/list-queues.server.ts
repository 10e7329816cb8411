/**
 * Distinct queue names without reading every interaction: a loose index scan over
 * interactions_team_queue_idx (team_id, queue), one index probe per team and queue,
 * however many millions of interactions there are. PostgreSQL 15 has no skip scan, so
 * `SELECT DISTINCT queue` reads the whole table (or the whole index). The interaction list
 * (queues in a viewer's scope) and the sampling rule form (every queue) share it; that index
 * serves both, so no index on `queue` alone is needed (migration …170000 explains it).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";

/**
 * The loose scan for every team (`null`: the whole organisation, plus interactions of agents
 * without a team) or for the given teams only.
 */
export function looseQueueScan(teamIds: string[] | null) {
  const teams = teamIds === null ? sql`select id from teams` : sql`select unnest(cast(${teamIds} as uuid[]))`;
  const withoutTeam =
    teamIds === null
      ? sql`union
    select queue from no_team where queue is not null`
      : sql``;
  return sql<{ queue: string }>`
    with recursive scoped(team_id) as (${teams}),
    by_team(team_id, queue) as (
      select scoped.team_id,
        (select i.queue from interactions i
          where i.team_id = scoped.team_id and i.queue is not null order by i.queue limit 1)
      from scoped
      union all
      select by_team.team_id,
        (select i.queue from interactions i
          where i.team_id = by_team.team_id and i.queue > by_team.queue order by i.queue limit 1)
      from by_team where by_team.queue is not null
    ),
    no_team(queue) as (
      (select queue from interactions where team_id is null and queue is not null order by queue limit 1)
      union all
      select (select i.queue from interactions i where i.team_id is null and i.queue > no_team.queue order by i.queue limit 1)
      from no_team where no_team.queue is not null
    )
    select queue from by_team where queue is not null
    ${withoutTeam}
    order by queue`;
}

/** Every queue any interaction names, in order (for the sampling rule form). */
export async function listAllQueues(db: Database): Promise<string[]> {
  const { rows } = await looseQueueScan(null).execute(db);
  // `union` already removes duplicates across teams; the Set is for the per-team rows.
  return [...new Set(rows.map((row) => row.queue))];
}
