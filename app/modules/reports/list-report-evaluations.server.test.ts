/**
 * The drill-down on the hand-computed fixture (test/report-fixtures.ts), as a lead: by
 * question, reviewer and outcome, newest first, in pages; bad input refused per field. (Scoping
 * and "count = the number's n" are in quality-overview.server.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { reportFixture, fixtureWeeks } from "../../../test/report-fixtures";
import { refusal } from "../../../test/refusal";
import type { Viewer } from "../users/roles";
import { listReportEvaluations, parseDrillDown } from "./list-report-evaluations.server";

const clock = { now: new Date("2026-12-07T12:00:00Z"), timeZone: "UTC" };

describe("drill-down", () => {
  it("drills down by question, reviewer and outcome, newest first, in pages", async () => {
    const f = await reportFixture();
    const list = async (viewer: Viewer, extra: Record<string, string>, limit = 50) =>
      listReportEvaluations(db(), viewer, parseDrillDown(new URLSearchParams({ ...Object.fromEntries(fixtureWeeks), ...extra }), clock), { limit });
    expect((await list(f.lead, { question: "identity", outcome: "autofail" })).items.map((item) => item.evaluationId)).toEqual([f.evaluations.b1AutoFail]);
    const identityPassed = await list(f.lead, { question: "identity", outcome: "pass" });
    expect(identityPassed.total).toBe(4);
    expect(identityPassed.items.every((item) => item.questionQ === 1)).toBe(true);
    // discovery: 4 of 5 is q 0.75 (4 on 1–5) twice, q 1 three times; none below 0.5.
    expect((await list(f.lead, { question: "discovery", outcome: "fail" })).total).toBe(0);
    expect((await list(f.lead, { question: "discovery", outcome: "answered" })).total).toBe(5);
    expect((await list(f.lead, { reviewer: f.qa.id })).total).toBe(5);
    expect((await list(f.lead, { reviewer: f.lead.id })).total).toBe(0);
    expect((await list(f.lead, { outcome: "fail" })).items.map((item) => item.evaluationId).sort()).toEqual([f.evaluations.a1Fail, f.evaluations.b1AutoFail].sort());

    // Newest conversation first, two per page, no evaluation twice.
    const first = await list(f.lead, {}, 2);
    expect(first.total).toBe(5);
    expect(first.items.map((item) => item.conversationAt.toISOString())).toEqual(["2026-11-12T10:00:00.000Z", "2026-11-12T10:00:00.000Z"]);
    const seen = [...first.items.map((item) => item.evaluationId)];
    let next = first.next;
    while (next) {
      const page = await listReportEvaluations(db(), f.lead, { ...parseDrillDown(fixtureWeeks, clock), after: next }, { limit: 2 });
      seen.push(...page.items.map((item) => item.evaluationId));
      next = page.next;
    }
    expect(seen.sort()).toEqual(Object.values(f.evaluations).sort());

    const bad = await refusal(Promise.resolve().then(() => parseDrillDown(new URLSearchParams({ outcome: "maybe", reviewer: "x", from: "2026-12-01", to: "2026-11-01" }), clock)));
    expect(bad.code).toBe("invalid");
    expect(bad.fieldErrors).toEqual({
      to: "The period ends before it starts: choose an end on or after the start",
      outcome: "The outcome is pass, fail, autofail, na or answered",
      reviewer: "Not a reviewer id",
    });
  });
});
