/**
 * A QA specialist's home (issue 14 §3 "each role's home leads to its work"): their queue — how
 * many assignments are open, how many overdue, when the first is due — and their output this
 * week and this month by review date (evaluations, median minutes from opening to submitting,
 * their mean against their peers per scorecard), from the same use cases as My queue and the
 * Reviewers report, so the numbers agree with those pages.
 */
import type { Database } from "../../lib/db.server";
import { addDays, formatLocalDate, isoWeekday, localDateOf } from "../../lib/time";
import { listMyQueue } from "../assignments/list-my-queue.server";
import type { Viewer } from "../users/roles";
import { queryReviewers, type Leniency } from "./query-reviewers.server";

export interface QaOutput {
  label: string;
  from: string;
  to: string;
  n: number;
  medianMinutes: number | null;
  comparisons: { scorecardName: string; mean: number | null; peersMean: number | null; difference: number | null; low: number | null; high: number | null; leniency: Leniency }[];
}

export interface QaHome {
  queue: { open: number; overdue: number; dueWithinDay: number; firstDueAt: string | null };
  output: QaOutput[];
}

export async function loadQaHome(db: Database, viewer: Viewer, now: Date, timeZone: string): Promise<QaHome> {
  const today = localDateOf(now, timeZone);
  const monday = addDays(today, 1 - isoWeekday(today));
  const ranges = [
    { label: "This week", from: formatLocalDate(monday), to: formatLocalDate(today), period: "week" as const },
    { label: "This month", from: formatLocalDate({ ...today, day: 1 }), to: formatLocalDate(today), period: "month" as const },
  ];
  const [queue, ...reports] = await Promise.all([
    listMyQueue(db, viewer, { limit: 1, now }),
    ...ranges.map((range) => queryReviewers(db, viewer, { ...range, dateBasis: "review", reviewerId: viewer.id }, now)),
  ]);
  return {
    queue: { open: queue.counts.open, overdue: queue.counts.overdue, dueWithinDay: queue.counts.dueWithinDay, firstDueAt: queue.items[0]?.dueAt.toISOString() ?? null },
    output: ranges.map((range, index) => {
      const own = reports[index]?.reviewers.find((reviewer) => reviewer.reviewerId === viewer.id);
      return {
        label: range.label,
        from: range.from,
        to: range.to,
        n: own?.n ?? 0,
        medianMinutes: own?.medianHandlingSeconds == null ? null : own.medianHandlingSeconds / 60,
        comparisons: (own?.comparisons ?? []).map((c) => ({
          scorecardName: c.scorecardName,
          mean: c.own?.mean ?? null,
          peersMean: c.peers?.mean ?? null,
          difference: c.difference?.difference ?? null,
          low: c.difference?.interval.low ?? null,
          high: c.difference?.interval.high ?? null,
          leniency: c.leniency,
        })),
      };
    }),
  };
}
