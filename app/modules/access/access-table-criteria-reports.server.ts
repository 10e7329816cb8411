/**
 * The Criteria and Reviewers part of the access table (access-table-criteria-reports.server.test.ts):
 * the Criteria page (and its CSV, the same builder), the Reviewers page (and its CSVs), the
 * report API's question and reviewer groupings and the QA specialist's home, run as the real
 * use cases on the shared world (access-table-world.server.ts, November 2026).
 */
import { db } from "../../lib/db.server";
import { apiQualityReport } from "../api/report-api.server";
import { loadCriteriaPage } from "../reports/criteria-page.server";
import { loadQaHome } from "../reports/qa-home.server";
import { loadReviewersPage } from "../reports/reviewers-page.server";
import type { Viewer } from "../users/roles";
import { cast } from "./access-table-world.server";

const now = new Date("2026-12-07T12:00:00Z");
const november = { period: "month", from: "2026-11-01", to: "2026-11-30" };

export const criteriaReportRows = {
  none: "no team or agent named",
  north: "team North named (Ana's, the supervisor's)",
  south: "team South named (another team)",
  sofia: "agent Sofia named (another team)",
} as const;
export type CriteriaReportRow = keyof typeof criteriaReportRows;

function named(row: CriteriaReportRow): Record<string, string> {
  const { teams, people } = cast();
  return { none: {}, north: { team: teams.north }, south: { team: teams.south }, sofia: { agent: people.sofia.id } }[row];
}

/** A page loader's refusal of its filters comes back as a value; here it is thrown like the rest. */
async function page<T extends { ok: boolean }>(work: Promise<T>): Promise<T> {
  const result = await work;
  if (!result.ok && "error" in result) throw result.error;
  return result;
}

const apiFilters = (row: CriteriaReportRow) => {
  const { team, agent } = named(row) as { team?: string; agent?: string };
  return { period: "month" as const, from: november.from, to: november.to, dateBasis: "conversation" as const, team, agent };
};

export const criteriaReportOps = {
  criteria: (v: Viewer, row: CriteriaReportRow) => page(loadCriteriaPage(db(), v, new URLSearchParams({ ...november, ...named(row) }), now)),
  reviewers: (v: Viewer, row: CriteriaReportRow) => page(loadReviewersPage(db(), v, new URLSearchParams({ ...november, ...named(row) }), now)),
  apiByQuestion: (v: Viewer, row: CriteriaReportRow) => apiQualityReport(db(), v, { ...apiFilters(row), groupBy: "question" }, now),
  apiByReviewer: (v: Viewer, row: CriteriaReportRow) => apiQualityReport(db(), v, { ...apiFilters(row), groupBy: "reviewer" }, now),
};

/** Whose rows each role's Reviewers page shows, by name, and whether the home has a QA block. */
export async function reviewerRowsFor(viewer: Viewer): Promise<string[]> {
  const result = await page(loadReviewersPage(db(), viewer, new URLSearchParams(november), now));
  if (!result.ok) return [];
  return result.output.rows.map((row) => (typeof row.reviewer === "string" ? row.reviewer : ""));
}

export const qaHomeOf = (viewer: Viewer) => loadQaHome(db(), viewer, now, "UTC");
