/**
 * GET /api/v1/reports/{quality,criteria,reviewers} through the route modules with personal
 * tokens, on the hand-computed world of test/criteria-fixtures.ts (November 2026, Support):
 *   a1: E1 100 (released), E4 53.1; a2: E2 100; b1: E3 90.6, E5 53.1; reviewers Quinn (E1–E3), Rita (E4, E5).
 * The same numbers as the pages' use cases, each token within its owner's scope, bad input as 422.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { criteriaWorld, type CriteriaWorld } from "../../../test/criteria-fixtures";
import { db } from "../../lib/db.server";
import { loader as criteriaRoute } from "../../routes/api.v1.reports.criteria";
import { loader as qualityRoute } from "../../routes/api.v1.reports.quality";
import { loader as reviewersRoute } from "../../routes/api.v1.reports.reviewers";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { queryCriteria } from "../reports/query-criteria.server";
import type { Viewer } from "../users/roles";
import type { CriterionItemJson, QualityItemJson, ReviewerItemJson } from "./report-api.schema";
import { callRoute, type ApiAnswer } from "./test-support";

type Items<T> = ApiAnswer & { items: T[] };
const tokenOf = async (user: Viewer) => (await createApiToken(db(), user, `reports ${user.role}`)).token;
const get = <T>(route: typeof qualityRoute, path: string, token: string, query: Record<string, string>) =>
  callRoute<Items<T>>(route, "GET", `/api/v1/reports/${path}?${new URLSearchParams(query).toString()}`, { token });

let w: CriteriaWorld;
let november: Record<string, string>;
beforeAll(async () => {
  w = await criteriaWorld("2026-11");
  november = { from: "2026-11-01", to: "2026-11-30", scorecard: w.support.id };
});

const rounded = (value: number | null | undefined) => (value === null || value === undefined ? value : Number(value.toFixed(4)));

describe("GET /api/v1/reports/quality", () => {
  it("gives per agent and month n, the mean with its interval, pass and auto-fail rates, each item with the agent's id", async () => {
    const answer = await get<QualityItemJson>(qualityRoute, "quality", await tokenOf(w.lena), { ...november, groupBy: "agent" });
    expect(answer.status).toBe(200);
    const byAgent = new Map(answer.json.items.map((item) => [item.agentId, item]));
    expect([w.a1, w.a2, w.b1].map((agent) => [byAgent.get(agent.id)?.groupName, byAgent.get(agent.id)?.n, rounded(byAgent.get(agent.id)?.mean), byAgent.get(agent.id)?.passRate])).toEqual([
      [w.a1.name, 2, 76.55, 0.5],
      [w.a2.name, 1, 100, 1],
      [w.b1.name, 2, 71.85, 0.5],
    ]);
    // a1: 100 and 53.1, sd 33.1633, t(1) = 12.7062 → ±12.7062 × 23.45 = ±297.9605; pass 1 of 2, Wilson 0.0945 to 0.9055.
    const a1 = byAgent.get(w.a1.id);
    expect(a1?.periodStart).toBe("2026-11-01");
    expect(rounded(a1?.meanInterval?.low)).toBeCloseTo(76.55 - 297.9605, 3);
    expect(rounded(a1?.passRateInterval?.low)).toBe(0.0945);
    expect(a1?.autoFailRate).toBe(0);
    expect(byAgent.get(w.a2.id)?.meanInterval).toBeNull();
  });

  it("groups by question (mean q, q ≥ 0.5 as a pass) and by reviewer, as the Criteria and Reviewers pages", async () => {
    const lead = await tokenOf(w.lena);
    const byQuestion = await get<QualityItemJson>(qualityRoute, "quality", lead, { ...november, groupBy: "question" });
    const outcome = byQuestion.json.items.find((item) => item.questionId === "outcome");
    expect(outcome).toMatchObject({ groupName: "Outcome", scorecardId: w.support.id, periodStart: "2026-11-01", n: 5, mean: 60, passRate: 0.6, autoFailRate: 0 });
    expect(rounded(outcome?.passRateInterval?.low)).toBe(0.2307);
    const pages = (await queryCriteria(db(), w.lena, { from: "2026-11-01", to: "2026-11-30", scorecardId: w.support.id })).criteria;
    expect(byQuestion.json.items.map((item) => [item.questionId, item.mean])).toEqual(pages.map((c) => [c.questionId, c.mean?.mean]));

    const byReviewer = await get<QualityItemJson>(qualityRoute, "quality", lead, { ...november, groupBy: "reviewer", period: "week" });
    expect(byReviewer.json.items.map((item) => [item.groupName, item.periodStart, item.n, rounded(item.mean)])).toEqual([
      [w.quinn.name, "2026-11-09", 3, 96.8667],
      [w.rita.name, "2026-11-09", 1, 53.1],
      [w.rita.name, "2026-11-16", 1, 53.1],
    ]);
    expect((await get(qualityRoute, "quality", await tokenOf(w.supervisorA), { ...november, groupBy: "reviewer" })).status).toBe(403);
  });

  it("keeps a supervisor's token to their team and an agent's to their own released evaluations", async () => {
    const supervisor = await tokenOf(w.supervisorA);
    const supervised = await get<QualityItemJson>(qualityRoute, "quality", supervisor, { ...november, groupBy: "agent" });
    expect(supervised.json.items.map((item) => item.agentId).sort()).toEqual([w.a1.id, w.a2.id].sort());
    const teams = await get<QualityItemJson>(qualityRoute, "quality", supervisor, { ...november, groupBy: "team" });
    expect(teams.json.items.map((item) => [item.groupId, item.n])).toEqual([[w.teamA.id, 3]]);
    for (const query of [{ team: w.teamB.id }, { agent: w.b1.id }] as Record<string, string>[]) {
      const refused = await get(qualityRoute, "quality", supervisor, { ...november, groupBy: "agent", ...query });
      expect(refused.status).toBe(404);
    }
    const agent = await tokenOf(w.a1);
    const own = await get<QualityItemJson>(qualityRoute, "quality", agent, { ...november, groupBy: "agent" });
    expect(own.json.items.map((item) => [item.agentId, item.n, item.mean])).toEqual([[w.a1.id, 1, 100]]);
    const ownTeam = await get<QualityItemJson>(qualityRoute, "quality", agent, { ...november, groupBy: "team" });
    expect(ownTeam.json.items.map((item) => [item.groupId, item.n])).toEqual([[w.teamA.id, 1]]);
    expect((await get(qualityRoute, "quality", agent, { ...november, groupBy: "agent", agent: w.a2.id })).status).toBe(404);
  });

  it("refuses bad input with 422 and a message naming the problem", async () => {
    const lead = await tokenOf(w.lena);
    const cases: [Record<string, string>, string][] = [
      [{ from: "2026-11-30", to: "2026-11-01" }, "The period ends before it starts: choose an end on or after the start"],
      [{ from: "2024-01-01", to: "2026-11-30" }, "A report covers at most 800 days; this range has 1065"],
      [{ ...november, groupBy: "queue" }, "groupBy must be one of organisation, team, agent, scorecard, question, reviewer"],
      [{ ...november, period: "day" }, "period must be week or month"],
      [{ to: "2026-11-30" }, "from"],
      [{ ...november, colour: "red" }, "colour"],
    ];
    for (const [query, message] of cases) {
      const answer = await get(qualityRoute, "quality", lead, query);
      expect(answer.status).toBe(422);
      expect(answer.json.error?.message).toContain(message);
    }
  });
});

describe("GET /api/v1/reports/criteria", () => {
  it("gives per question mean, failure and N/A rates with intervals, n and trend, worst first, within the token's scope", async () => {
    const lead = await get<CriterionItemJson>(criteriaRoute, "criteria", await tokenOf(w.lena), november);
    expect(lead.status).toBe(200);
    expect(lead.json.items.map((c) => [c.questionId, c.n, c.answered, c.mean, c.failureRate, c.naRate])).toEqual([
      ["outcome", 5, 5, 60, 0.4, 0],
      ["discovery", 5, 5, 85, 0, 0],
      ["greeting", 5, 5, 100, 0, 0],
      ["identity", 5, 4, 100, 0, 0.2],
    ]);
    expect(rounded(lead.json.items[0]?.failureRateInterval?.low)).toBe(0.1176);
    // Not clipped to the scale (decision 0038): 60 ± 68.0087.
    const interval = lead.json.items[0]?.meanInterval;
    expect([rounded(interval?.low), rounded(interval?.high)]).toEqual([-8.0087, 128.0087]);
    expect(lead.json.items[0]?.trend).toEqual([{ periodStart: "2026-11-01", n: 5, mean: 60, meanInterval: interval, failureRate: 0.4 }]);

    const supervised = await get<CriterionItemJson>(criteriaRoute, "criteria", await tokenOf(w.supervisorA), november);
    expect(supervised.json.items.map((c) => [c.questionId, c.n, rounded(c.mean)])).toEqual([
      ["outcome", 3, 66.6667],
      ["discovery", 3, 91.6667],
      ["greeting", 3, 100],
      ["identity", 3, 100],
    ]);
    const own = await get<CriterionItemJson>(criteriaRoute, "criteria", await tokenOf(w.a1), november);
    expect(own.json.items.map((c) => [c.questionId, c.n, c.mean])).toEqual([
      ["greeting", 1, 100],
      ["outcome", 1, 100],
      ["discovery", 1, 100],
      ["identity", 1, 100],
    ]);
    expect((await get(criteriaRoute, "criteria", await tokenOf(w.a1), { ...november, team: w.teamB.id })).status).toBe(404);
  });
});

describe("GET /api/v1/reports/reviewers", () => {
  it("gives each reviewer's output, handling time, leniency and overturns to leads; a QA specialist only their own; others 403", async () => {
    const lead = await get<ReviewerItemJson>(reviewersRoute, "reviewers", await tokenOf(w.lena), november);
    expect(lead.status).toBe(200);
    expect(lead.json.items.map((r) => [r.name, r.n, r.medianHandlingSeconds, rounded(r.mean), r.comparisons.map((c) => [c.leniency, rounded(c.difference)])])).toEqual([
      [w.quinn.name, 3, 1200, 96.8667, [["lenient", 43.7667]]],
      [w.rita.name, 2, 600, 53.1, [["strict", -43.7667]]],
    ]);
    const withSales = await get<ReviewerItemJson>(reviewersRoute, "reviewers", await tokenOf(w.lars), { from: "2026-11-01", to: "2026-11-30", reviewer: w.lena.id });
    expect(withSales.json.items.map((r) => [r.name, r.disputedQuestions, r.overturnRate, rounded(r.overturnRateInterval?.low)])).toEqual([[w.lena.name, 2, 0.5, 0.0945]]);

    const quinn = await tokenOf(w.quinn);
    const own = await get<ReviewerItemJson>(reviewersRoute, "reviewers", quinn, november);
    expect(own.json.items.map((r) => r.reviewerId)).toEqual([w.quinn.id]);
    expect((await get(reviewersRoute, "reviewers", quinn, { ...november, reviewer: w.rita.id })).status).toBe(404);
    for (const user of [w.supervisorA, w.a1]) {
      const refused = await get(reviewersRoute, "reviewers", await tokenOf(user), november);
      expect(refused.status).toBe(403);
      expect(refused.json.error?.message).toBe("Reviewers' figures are for QA leads and admins; QA specialists see their own.");
    }
  });
});
