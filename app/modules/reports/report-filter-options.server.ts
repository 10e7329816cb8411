/**
 * The choices a report's filter bar offers, within the viewer's report scope: the teams and
 * agents they may name (QA, leads, admins all; a supervisor their teams and their agents; an
 * agent none — their reports are their own), every scorecard (archived ones keep their history), the channels, and the queues
 * that occur in the range (read from the daily roll-up, which is scoped like the figures).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { channelLabels } from "../../lib/format";
import { interactionScope } from "../access/permissions";
import { reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { localDateOf } from "../../lib/time";
import { getOrganisation } from "../users/get-organisation.server";
import { defaultRange, parseReportFilters, type ReportFilters } from "./report-filters";

export interface ReportOption {
  id: string;
  name: string;
}

export interface ReportFilterChoices {
  teams: ReportOption[];
  agents: ReportOption[];
  scorecards: ReportOption[];
  channels: ReportOption[];
  queues: ReportOption[];
}

export async function listReportFilterOptions(db: Database, viewer: Viewer, filters: Pick<ReportFilters, "from" | "to">): Promise<ReportFilterChoices> {
  const scope = interactionScope(viewer);
  const teamIds = scope.kind === "teams" ? scope.teamIds : null;
  const none = scope.kind === "own" || (teamIds !== null && teamIds.length === 0);
  const [teams, agents, scorecards, queues] = await Promise.all([
    none
      ? []
      : db
          .selectFrom("teams")
          .select(["id", "name"])
          .$if(teamIds !== null, (query) => query.where("id", "in", teamIds ?? []))
          .orderBy("name")
          .execute(),
    none
      ? []
      : db
          .selectFrom("users")
          .innerJoin("team_members", "team_members.user_id", "users.id")
          .select(["users.id", "users.name"])
          .distinct()
          .where("team_members.kind", "=", "agent")
          .where("users.role", "=", "agent")
          .$if(teamIds !== null, (query) => query.where("team_members.team_id", "in", teamIds ?? []))
          .orderBy("users.name")
          .orderBy("users.id")
          .execute(),
    // Archived scorecards keep their history, so they stay choosable.
    db.selectFrom("scorecards").select(["id", "name", "archived_at"]).orderBy("name").execute(),
    sql<{ queue: string }>`
      SELECT DISTINCT s.queue FROM rollup_daily s
      WHERE s.queue IS NOT NULL AND s.conversation_day BETWEEN ${filters.from}::date AND ${filters.to}::date AND ${reportRowsVisibleTo(viewer, "s")}
      ORDER BY 1`.execute(db),
  ]);
  return {
    teams,
    agents,
    scorecards: scorecards.map((scorecard) => ({ id: scorecard.id, name: scorecard.archived_at ? `${scorecard.name} (archived)` : scorecard.name })),
    channels: Object.entries(channelLabels).map(([id, name]) => ({ id, name })),
    queues: queues.rows.map((row) => ({ id: row.queue, name: row.queue })),
  };
}

/** The choices for a page's bar: over the URL's range when it reads, else the default one. */
export async function listReportFilterOptionsFor(db: Database, viewer: Viewer, params: URLSearchParams, now: Date): Promise<ReportFilterChoices> {
  const { timeZone } = await getOrganisation(db);
  const range = parseReportFilters(params, { now, timeZone });
  return listReportFilterOptions(db, viewer, range.ok ? range.filters : defaultRange(localDateOf(now, timeZone), "week"));
}
