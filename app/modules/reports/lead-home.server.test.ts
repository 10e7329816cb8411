/**
 * A lead's home on the report fixture (November 2026) plus a disputed, acknowledgement-due
 * review (test/dispute-fixtures.ts, 10 November, 71.9) and an overdue assignment, seen on
 * 7 December: last month's headline figures with their intervals and n, this month's empty,
 * and the overdue work counted by the pages' own use cases.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { disputeWorld, twoQuestions } from "../../../test/dispute-fixtures";
import { insertInteractionRows } from "../../../test/factories";
import { reportFixture } from "../../../test/report-fixtures";
import { seedAssignment } from "../../../test/review-factories";
import { raiseDispute } from "../disputes/raise-dispute.server";
import { listReportEvaluations, parseDrillDown } from "./list-report-evaluations.server";
import { loadLeadHome } from "./lead-home.server";

const now = new Date("2026-12-07T12:00:00Z");

describe("lead's home", () => {
  it("shows last month against this month with intervals and n, and the overdue disputes, acknowledgements and reviews", async () => {
    const f = await reportFixture();
    const d = await disputeWorld();
    // Released on 20 November: its acknowledgement (3 days) is overdue by 7 December.
    await db().updateTable("evaluations").set({ released_at: new Date("2026-11-20T09:00:00Z") }).where("id", "=", d.evaluationId).execute();
    const dispute = await raiseDispute(db(), d.agent, d.evaluationId, twoQuestions(d.revisionId), new Date("2026-11-21T09:00:00Z"));
    await db().updateTable("disputes").set({ due_at: new Date("2026-11-30T17:00:00Z") }).where("id", "=", dispute.id).execute();
    const [waiting] = await insertInteractionRows([{ agentId: f.a1.id, teamId: f.teamA.id, startedAt: new Date("2026-12-01T10:00:00Z") }]);
    const assignment = await seedAssignment({ interactionId: waiting!, scorecardId: f.scorecard.id, reviewerId: f.qa.id, actor: f.lead });
    await db().updateTable("assignments").set({ due_at: new Date("2026-12-03T12:00:00Z") }).where("id", "=", assignment.id).execute();

    const home = await loadLeadHome(db(), f.lead, { now, timeZone: "UTC" });
    const [november, december] = home.months;
    expect([november.label, november.from, november.to]).toEqual(["November 2026", "2026-11-01", "2026-11-30"]);
    expect([december.label, december.from, december.to, december.point]).toEqual(["December 2026 so far", "2026-12-01", "2026-12-07", null]);
    // 71.9, 90.6, 100, 0, 100 and the disputed 71.9: mean 72.4 ± 39.5375, passes 3 of 6, auto-fails 1 of 6.
    expect(november.point?.n).toBe(6);
    expect(november.point?.score?.mean).toBeCloseTo(72.4, 4);
    expect(november.point?.score?.halfWidth).toBeCloseTo(39.5375, 4);
    expect(november.point?.passRate).toMatchObject({ successes: 3, n: 6 });
    expect(november.point?.passRate?.interval.low).toBeCloseTo(0.1876, 4);
    expect(november.point?.autoFailRate?.interval.high).toBeCloseTo(0.5635, 4);
    // The drill-downs count exactly those.
    const drill = async (href: string) =>
      (await listReportEvaluations(db(), f.lead, parseDrillDown(new URL(href, "http://parley.test").searchParams, { now, timeZone: "UTC" }), { limit: 50 })).total;
    expect([await drill(november.href.all), await drill(november.href.pass), await drill(november.href.autofail)]).toEqual([6, 3, 1]);
    expect(home.overviewHref).toBe("/reports?period=month&from=2026-11-01&to=2026-12-07");

    expect(home.disputes?.items.map((item) => item.id)).toEqual([dispute.id]);
    expect(home.disputes?.more).toBe(false);
    expect(home.acknowledgements).toEqual({ awaiting: 1, overdue: 1 });
    expect(home.queue).toEqual({ open: 1, overdue: 1 });

    // An admin sees the same figures and work.
    const admin = await loadLeadHome(db(), f.admin, { now, timeZone: "UTC" });
    expect(admin.months[0].point?.n).toBe(6);
    expect([admin.disputes?.items.length, admin.acknowledgements?.overdue, admin.queue?.overdue]).toEqual([1, 1, 1]);
  });
});
