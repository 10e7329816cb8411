/**
 * The reports part of the access table (access-table-reports.server.test.ts): the quality
 * overview, its CSV (the same builder) and the drill-down, run as the real use cases on the
 * shared world (access-table-world.server.ts) — the reviews of Ana's conversation (released,
 * unreleased, voided) and the released review of Sofia's (team South), all in November 2026.
 */
import { db } from "../../lib/db.server";
import { listReportEvaluations, parseDrillDown } from "../reports/list-report-evaluations.server";
import { buildQualityOverview } from "../reports/quality-overview.server";
import { roles, type Viewer } from "../users/roles";
import { cast, seedWorld, type EvaluationKey, type World } from "./access-table-world.server";

const clock = { now: new Date("2026-12-07T12:00:00Z"), timeZone: "UTC" };
const november = { period: "month", from: "2026-11-01", to: "2026-11-30" };

/** Filters naming the other team (South), its agent (Sofia), or the viewer's own team (North). */
export const reportFilterRows = {
  none: "no team or agent named",
  north: "team North named (Ana's, the supervisor's)",
  south: "team South named (another team)",
  sofia: "agent Sofia named (another team)",
} as const;
export type ReportFilterKey = keyof typeof reportFilterRows;

function params(row: ReportFilterKey, extra: Record<string, string> = {}): URLSearchParams {
  const { teams, people } = cast();
  const named: Record<string, string> = { none: {}, north: { team: teams.north }, south: { team: teams.south }, sofia: { agent: people.sofia.id } }[row];
  return new URLSearchParams({ ...november, ...named, ...extra });
}

export const reportOps = {
  overview: (v: Viewer, row: ReportFilterKey) => buildQualityOverview(db(), v, params(row), clock),
  drillDown: (v: Viewer, row: ReportFilterKey) => listReportEvaluations(db(), v, parseDrillDown(params(row), clock), { limit: 50 }),
};

/**
 * Which of this world's evaluations each role's drill-down of the month lists (earlier cells'
 * worlds share the days, so the list is read against this world's ids), and whether the
 * overview's n for the month equals the drill-down's count.
 */
export async function drillDownFor(): Promise<{ listed: EvaluationKey[]; sameN: boolean }[]> {
  const result = [];
  const world: World = await seedWorld();
  const byId = new Map(Object.entries(world.evaluations).map(([key, id]) => [id, key as EvaluationKey]));
  for (const role of roles) {
    const viewer = cast().viewers[role];
    const page = await listReportEvaluations(db(), viewer, parseDrillDown(params("none"), clock), { limit: 500 });
    const listed = page.items.map((item) => byId.get(item.evaluationId)).filter((key): key is EvaluationKey => key !== undefined);
    const overview = await buildQualityOverview(db(), viewer, params("none"), clock);
    result.push({ listed: listed.sort(), sameN: overview.total === page.total });
  }
  return result;
}
