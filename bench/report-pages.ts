/**
 * Each report page's server work at scale (issue 14 §7 "each page's server response"): the
 * function a page's loader calls — every query it runs and the table models it builds — for
 * the viewer the page is for, on its default range (the last 12 weeks) and over two years.
 * React's HTML rendering is not included: it does not depend on the data's size.
 */
import type { Database } from "../app/lib/db.server";
import { buildAgentCardPage } from "../app/modules/reports/agent-card-page.server";
import { loadCriteriaPage } from "../app/modules/reports/criteria-page.server";
import { loadLeadHome } from "../app/modules/reports/lead-home.server";
import { loadQaHome } from "../app/modules/reports/qa-home.server";
import { buildQualityOverview } from "../app/modules/reports/quality-overview.server";
import { loadReviewersPage } from "../app/modules/reports/reviewers-page.server";
import { loadTeamHome } from "../app/modules/reports/team-home.server";
import { buildTeamPage } from "../app/modules/reports/team-page.server";
import type { Viewer } from "../app/modules/users/roles";

export interface PageViewers {
  lead: Viewer;
  supervisor: Viewer;
  qa: Viewer;
  agent: Viewer;
}

export interface PageTiming {
  label: string;
  values: number[];
}

const ROUNDS = 5;

/** Each page once to warm it, then ROUNDS times: the milliseconds of each round. */
export async function timeReportPages(db: Database, viewers: PageViewers, range: { from: string; to: string }, now: Date, timeZone: string): Promise<PageTiming[]> {
  const clock = { now, timeZone };
  const twoYears = (extra: Record<string, string> = {}) => new URLSearchParams({ period: "month", from: range.from, to: range.to, ...extra });
  const none = new URLSearchParams();
  const pages: [string, () => Promise<unknown>][] = [
    ["overview (lead), default 12 weeks", () => buildQualityOverview(db, viewers.lead, none, clock)],
    ["overview (lead), two years by month", () => buildQualityOverview(db, viewers.lead, twoYears(), clock)],
    ["team page (supervisor), default", () => buildTeamPage(db, viewers.supervisor, none, clock)],
    ["team page (supervisor), two years by month", () => buildTeamPage(db, viewers.supervisor, twoYears(), clock)],
    ["agent card (supervisor), default", () => buildAgentCardPage(db, viewers.supervisor, viewers.agent.id, none, clock)],
    ["agent card (the agent, own), two years", () => buildAgentCardPage(db, viewers.agent, viewers.agent.id, twoYears(), clock)],
    ["criteria (lead), default", () => loadCriteriaPage(db, viewers.lead, none, now)],
    ["criteria (lead), two years by month", () => loadCriteriaPage(db, viewers.lead, twoYears(), now)],
    ["reviewers (lead), default", () => loadReviewersPage(db, viewers.lead, none, now)],
    ["reviewers (lead), two years by month", () => loadReviewersPage(db, viewers.lead, twoYears(), now)],
    ["home: lead", () => loadLeadHome(db, viewers.lead, clock)],
    ["home: QA specialist", () => loadQaHome(db, viewers.qa, now, timeZone)],
    ["home: supervisor", () => loadTeamHome(db, viewers.supervisor, clock)],
    ["home: agent", () => loadTeamHome(db, viewers.agent, clock)],
  ];
  const timings: PageTiming[] = [];
  for (const [label, load] of pages) {
    await load();
    const values: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = process.hrtime.bigint();
      await load();
      values.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    timings.push({ label, values });
  }
  return timings;
}
