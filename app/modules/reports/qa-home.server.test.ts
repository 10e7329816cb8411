/**
 * The QA specialist's home on the hand-computed world (test/criteria-fixtures.ts, November
 * 2026), seen on Thursday 19 November: Quinn submitted E1–E3 on 10–12 November (10, 20, 30
 * minutes), so none this week (from Monday 16) and three this month, median 20 minutes, lenient
 * against Rita on Support; and two open assignments in the queue, one overdue.
 */
import { describe, expect, it } from "vitest";
import { criteriaWorld } from "../../../test/criteria-fixtures";
import { insertInteractionRows } from "../../../test/factories";
import { seedAssignment } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { loadQaHome } from "./qa-home.server";

describe("QA specialist's home", () => {
  it("shows their queue and their output this week and this month, with their mean against peers", async () => {
    const w = await criteriaWorld("2026-11");
    const now = new Date("2026-11-19T15:00:00Z");
    const [first, second] = await insertInteractionRows([
      { agentId: w.a1.id, teamId: w.teamA.id, startedAt: new Date("2026-11-18T09:00:00Z"), channel: "call" },
      { agentId: w.a2.id, teamId: w.teamA.id, startedAt: new Date("2026-11-18T10:00:00Z"), channel: "call" },
    ]);
    // Assigned as a lead does (due in the future), then dated back to the day the home is seen on.
    for (const [interactionId, dueAt] of [
      [first!, "2026-11-19T09:00:00Z"],
      [second!, "2026-11-21T09:00:00Z"],
    ] as const) {
      const { id } = await seedAssignment({ interactionId, scorecardId: w.support.id, reviewerId: w.quinn.id, actor: w.lena });
      await db().updateTable("assignments").set({ due_at: new Date(dueAt) }).where("id", "=", id).execute();
    }

    const home = await loadQaHome(db(), w.quinn, now, "UTC");
    expect(home.queue).toEqual({ open: 2, overdue: 1, dueWithinDay: 0, firstDueAt: "2026-11-19T09:00:00.000Z" });
    expect(home.output.map((o) => [o.label, o.from, o.to, o.n, o.medianMinutes])).toEqual([
      ["This week", "2026-11-16", "2026-11-19", 0, null],
      ["This month", "2026-11-01", "2026-11-19", 3, 20],
    ]);
    const [support] = home.output[1]?.comparisons ?? [];
    expect(support).toMatchObject({ scorecardName: w.support.name, peersMean: 53.1, leniency: "lenient" });
    expect(support?.difference).toBeCloseTo(43.7667, 4);
  });
});
