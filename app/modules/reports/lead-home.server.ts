/**
 * A QA lead's (and an admin's) home (issue 14 §3, "a lead's, the overview and overdue work"):
 * the overview's headline figures for this month so far against last month — quality score
 * with its t interval, pass and auto-fail rates with Wilson intervals, each with its n and its
 * drill-down — and the work that is late: overdue disputes (the oldest first), overdue
 * acknowledgements, and the review queue's backlog. Every number is read through the use
 * cases the pages use (queryQuality, listDisputes, listUnacknowledged, assignmentsDashboard).
 */
import type { Database } from "../../lib/db.server";
import { addDays, formatDateTime, formatLocalDate, localDateOf } from "../../lib/time";
import { assignmentsDashboard } from "../assignments/assignments-dashboard.server";
import { can } from "../access/permissions";
import { listDisputes } from "../disputes/list-disputes.server";
import { listUnacknowledged } from "../feedback/list-unacknowledged.server";
import type { Viewer } from "../users/roles";
import { queryQuality, type QualityPoint } from "./query-quality.server";
import { reportHref, type ReportFilters } from "./report-filters";
import { DRILL_DOWN_PATH } from "./quality-overview.server";

/** How many overdue disputes the home lists (the oldest due first); the rest are on /disputes. */
export const OVERDUE_DISPUTES_SHOWN = 5;

export interface HeadlineMonth {
  label: string;
  from: string;
  to: string;
  point: QualityPoint | null;
  /** The drill-down of the month, of its passes and of its auto-fails. */
  href: { all: string; pass: string; autofail: string };
}

export interface LeadHome {
  months: [HeadlineMonth, HeadlineMonth];
  overviewHref: string;
  /** Due as the organisation's clock shows it. */
  disputes: { items: { id: string; agentName: string; scorecardName: string; due: string }[]; more: boolean } | null;
  acknowledgements: { awaiting: number; overdue: number } | null;
  queue: { open: number; overdue: number } | null;
}

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export async function loadLeadHome(db: Database, viewer: Viewer, { now, timeZone }: { now: Date; timeZone: string }): Promise<LeadHome> {
  const today = localDateOf(now, timeZone);
  const thisMonth = { year: today.year, month: today.month, day: 1 };
  const lastMonth = today.month === 1 ? { year: today.year - 1, month: 12, day: 1 } : { year: today.year, month: today.month - 1, day: 1 };
  const ranges = [
    { label: `${monthNames[lastMonth.month - 1]} ${lastMonth.year}`, from: formatLocalDate(lastMonth), to: formatLocalDate(addDays(thisMonth, -1)) },
    { label: `${monthNames[thisMonth.month - 1]} ${thisMonth.year} so far`, from: formatLocalDate(thisMonth), to: formatLocalDate(today) },
  ];
  const base = { period: "month", dateBasis: "conversation" } as const;
  const [points, disputes, acknowledgements, queue] = await Promise.all([
    queryQuality(db, viewer, { ...base, groupBy: "organisation", from: ranges[0]!.from, to: ranges[1]!.to }),
    can(viewer, "disputes:decide") || viewer.role === "admin"
      ? listDisputes(db, viewer, { status: "active", overdueOnly: true, limit: OVERDUE_DISPUTES_SHOWN + 1, now })
      : Promise.resolve(null),
    can(viewer, "acknowledgements:oversee") ? listUnacknowledged(db, viewer, { overdueOnly: true, limit: 1, now, timeZone }) : Promise.resolve(null),
    can(viewer, "assignments:manage") ? assignmentsDashboard(db, viewer, { now }) : Promise.resolve(null),
  ]);
  const months = ranges.map((range): HeadlineMonth => {
    const filters: ReportFilters = { ...base, from: range.from, to: range.to };
    return {
      ...range,
      point: points.find((point) => point.periodStart === range.from) ?? null,
      href: { all: reportHref(DRILL_DOWN_PATH, filters), pass: reportHref(DRILL_DOWN_PATH, filters, { outcome: "pass" }), autofail: reportHref(DRILL_DOWN_PATH, filters, { outcome: "autofail" }) },
    };
  }) as [HeadlineMonth, HeadlineMonth];
  return {
    months,
    overviewHref: reportHref("/reports", { ...base, period: "month", from: ranges[0]!.from, to: ranges[1]!.to }),
    disputes: disputes
      ? {
          items: disputes.items.slice(0, OVERDUE_DISPUTES_SHOWN).map((item) => ({ id: item.id, agentName: item.agentName, scorecardName: item.scorecardName, due: formatDateTime(item.dueAt, timeZone) })),
          more: disputes.items.length > OVERDUE_DISPUTES_SHOWN,
        }
      : null,
    acknowledgements: acknowledgements?.counts ?? null,
    queue: queue
      ? queue.perReviewer.reduce((total, row) => ({ open: total.open + row.open, overdue: total.overdue + row.overdue }), { open: 0, overdue: 0 })
      : null,
  };
}
