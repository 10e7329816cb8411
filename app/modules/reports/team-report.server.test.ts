/**
 * The team page and the agent card against the hand-computed fixture of
 * test/team-report-fixtures.ts (its header has every figure), on real PostgreSQL; scoping per
 * role; a void changes the figures.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { refusal } from "../../../test/refusal";
import { seedVoid } from "../../../test/review-factories";
import { novemberFilters, teamReportWorld } from "../../../test/team-report-fixtures";
import { decideDispute } from "../disputes/decide-dispute.server";
import { raiseDispute } from "../disputes/raise-dispute.server";
import { defaultOrganisationSettings } from "../organisation/organisation-settings";
import { getAgentCard } from "./get-agent-card.server";
import { getTeamReport, type AgentRow } from "./get-team-report.server";

const now = new Date("2026-12-01T09:00:00Z");
const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 10_000) / 10_000);
/** A mean estimate as its n, mean and interval to 4 decimals (null without one). */
const figures = (estimate: { n: number; mean: number; interval: { low: number; high: number } | null } | null | undefined) =>
  estimate && { n: estimate.n, mean: round(estimate.mean), low: round(estimate.interval?.low), high: round(estimate.interval?.high) };
const rowOf = (agents: AgentRow[], id: string) => {
  const row = agents.find((agent) => agent.agentId === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};

describe("the team page", () => {
  it("gives each agent's score, interval, n, pass rate, trend, weakest criteria, rank range and reviews needed", async () => {
    const f = await teamReportWorld();
    const report = await getTeamReport(db(), f.lead, { ...novemberFilters, teamId: f.teamA.id });
    expect(report.team).toEqual({ id: f.teamA.id, name: f.teamA.name });
    expect(report.agents.map((agent) => agent.agentId)).toEqual([f.a1.id, f.a3.id, f.a2.id, f.a4.id]);

    const a1 = rowOf(report.agents, f.a1.id);
    expect(a1.n).toBe(3);
    expect(a1.score?.mean).toBeCloseTo(95.8333, 4);
    expect(a1.score?.halfWidth).toBeCloseTo(17.9277, 4);
    expect(a1.score?.interval?.low).toBeCloseTo(77.9056, 4);
    expect(a1.score?.interval?.high).toBeCloseTo(113.7611, 4);
    // Passes (≥ 80): 3 of 3, Wilson 0.4385 to 1.
    expect(a1.passRate?.rate).toBe(1);
    expect(a1.passRate?.interval.low).toBeCloseTo(0.4385, 4);
    expect(a1.rank).toEqual({ best: 1, worst: 2 });
    expect(a1.moreReviews).toBe(8);
    // Weeks starting 2 and 9 November.
    expect(a1.trend).toEqual([
      { periodStart: "2026-11-02", n: 2, mean: 100 },
      { periodStart: "2026-11-09", n: 1, mean: 87.5 },
    ]);
    expect(a1.weakest.map((criterion) => [criterion.label?.prompt, criterion.n])).toEqual([["Greeted the customer", 3]]);
    expect(a1.weakest[0]?.agent?.mean).toBeCloseTo(66.6667, 4);
    expect(a1.weakest[0]?.team?.mean).toBeCloseTo(80, 4);
    expect(a1.weakest[0]?.team?.halfWidth).toBeCloseTo(30.1621, 4);

    const a2 = rowOf(report.agents, f.a2.id);
    expect(a2.score?.mean).toBeCloseTo(64.6, 4);
    expect(a2.score?.halfWidth).toBeCloseTo(31.4094, 4);
    expect(a2.passRate?.successes).toBe(0);
    expect(a2.rank).toEqual({ best: 1, worst: 2 });
    expect(a2.moreReviews).toBe(25);
    expect(a2.weakest.map((criterion) => [criterion.label?.prompt, criterion.difference?.toFixed(4)])).toEqual([
      ["Greeted the customer", "-13.3333"],
      ["Outcome", "-5.0000"],
    ]);

    const a4 = rowOf(report.agents, f.a4.id);
    expect(a4.score).toMatchObject({ n: 3, mean: 25, halfWidth: 0 });
    expect(a4.rank).toEqual({ best: 3, worst: 3 });
    expect(a4.moreReviews).toBe(0);
    expect(a4.weakest.map((criterion) => [criterion.label?.prompt, criterion.agent?.mean, criterion.team?.mean.toFixed(4)])).toEqual([
      ["Understood the issue", 0, "57.5000"],
      ["Outcome", 0, "55.0000"],
    ]);

    // One evaluation: a mean, no interval, unranked, no estimate of reviews needed, nothing weak.
    const a3 = rowOf(report.agents, f.a3.id);
    expect(a3).toMatchObject({ n: 1, score: { mean: 90.6, interval: null }, rank: null, moreReviews: null, weakest: [] });

    expect(report.teamFigures?.n).toBe(10);
    expect(report.teamFigures?.score?.mean).toBeCloseTo(64.69, 4);
    expect(report.teamFigures?.score?.halfWidth).toBeCloseTo(22.2808, 4);
  });

  it("gives each agent's and the team's mean CSAT with its CSAT responses and mean handling time (conversations, not evaluations)", async () => {
    const f = await teamReportWorld();
    const report = await getTeamReport(db(), f.supervisorA, { ...novemberFilters, teamId: f.teamA.id });
    const a1 = rowOf(report.agents, f.a1.id).customer;
    expect(a1).toMatchObject({ conversations: 3, csatResponses: 2 });
    expect(figures(a1?.csat)).toEqual({ n: 2, mean: 87.5, low: -71.3276, high: 246.3276 });
    expect(figures(a1?.handlingSeconds)).toEqual({ n: 3, mean: 180, low: 30.9517, high: 329.0483 });
    const a2 = rowOf(report.agents, f.a2.id).customer;
    expect(figures(a2?.csat)).toEqual({ n: 3, mean: 25, low: -37.1034, high: 87.1034 });
    expect(figures(a2?.handlingSeconds)).toEqual({ n: 3, mean: 400, low: -30.2653, high: 830.2653 });
    // a3: one conversation without a survey answer.
    expect(rowOf(report.agents, f.a3.id).customer).toMatchObject({ conversations: 1, csatResponses: 0, csat: null, handlingSeconds: { n: 1, mean: 60, interval: null } });
    expect(figures(rowOf(report.agents, f.a4.id).customer?.csat)).toEqual({ n: 2, mean: 100, low: 100, high: 100 });
    expect(report.teamCustomer).toMatchObject({ conversations: 10, csatResponses: 7 });
    expect(figures(report.teamCustomer?.csat)).toEqual({ n: 7, mean: 64.2857, low: 26.8677, high: 101.7038 });
    expect(figures(report.teamCustomer?.handlingSeconds)).toEqual({ n: 10, mean: 198, low: 74.8422, high: 321.1578 });
    // Team B's conversations never count on team A's page.
    const teamB = await getTeamReport(db(), f.qa, { ...novemberFilters, teamId: f.teamB.id });
    expect(teamB.teamCustomer).toMatchObject({ conversations: 2, csatResponses: 1, csat: { mean: 0 }, handlingSeconds: { n: 2, mean: 60 } });
  });

  it("keeps a supervisor to their teams: their first team by default, another team's is 404, its agents never appear", async () => {
    const f = await teamReportWorld();
    const own = await getTeamReport(db(), f.supervisorA, novemberFilters);
    expect(own.team?.id).toBe(f.teamA.id);
    expect(own.teams).toEqual([{ id: f.teamA.id, name: f.teamA.name }]);
    expect(own.agents.map((agent) => agent.agentId)).not.toContain(f.b1.id);
    expect(own.agents).toHaveLength(4);
    expect((await refusal(getTeamReport(db(), f.supervisorA, { ...novemberFilters, teamId: f.teamB.id }))).code).toBe("not_found");
    // Agents have their card, not the team page.
    expect((await refusal(getTeamReport(db(), f.a1, novemberFilters))).code).toBe("forbidden");
    // QA sees any team; team B has b1 alone.
    const teamB = await getTeamReport(db(), f.qa, { ...novemberFilters, teamId: f.teamB.id });
    expect(teamB.agents.map((agent) => [agent.agentId, agent.n])).toEqual([[f.b1.id, 2]]);
  });

  it("changes with a void: the agent's figures and the team's", async () => {
    const f = await teamReportWorld();
    await seedVoid(f.lead, f.evaluations.a4[0] as string, "Scored against the wrong conversation");
    const report = await getTeamReport(db(), f.lead, { ...novemberFilters, teamId: f.teamA.id });
    const a4 = rowOf(report.agents, f.a4.id);
    expect(a4.score).toMatchObject({ n: 2, mean: 25, halfWidth: 0 });
    // a4 has two discovery answers now: too few to call weak.
    expect(a4.weakest).toEqual([]);
    expect(report.teamFigures?.n).toBe(9);
    expect(report.teamFigures?.score?.mean).toBeCloseTo(69.1, 4);
    expect(report.teamFigures?.score?.halfWidth).toBeCloseTo(22.7059, 4);
  });

  it("answers an empty page for a supervisor who leads no team yet", async () => {
    const f = await teamReportWorld();
    const { seedUser } = await import("../../../test/factories");
    const lonely = await seedUser("supervisor");
    const report = await getTeamReport(db(), lonely, novemberFilters);
    expect(report).toMatchObject({ team: null, teams: [], agents: [] });
    expect((await refusal(getTeamReport(db(), lonely, { ...novemberFilters, teamId: f.teamA.id }))).code).toBe("not_found");
  });
});

describe("the agent card", () => {
  it("gives the agent's trend, every criterion against the team's and the recent evaluations", async () => {
    const f = await teamReportWorld();
    const card = await getAgentCard(db(), f.supervisorA, { ...novemberFilters, agentId: f.a2.id, period: "week" }, now);
    expect(card.agent).toEqual({ id: f.a2.id, name: f.a2.name });
    expect(card.team?.id).toBe(f.teamA.id);
    expect(card.n).toBe(3);
    expect(card.score?.halfWidth).toBeCloseTo(31.4094, 4);
    expect(card.moreReviews).toBe(25);
    expect(card.teamScore?.mean).toBeCloseTo(64.69, 4);
    expect(card.teamScore?.n).toBe(10);
    expect(card.trend.map((point) => [point.periodStart, point.n, point.mean])).toEqual([
      ["2026-11-02", 2, 60.95],
      ["2026-11-09", 1, 71.9],
    ]);
    // 71.9 and 50: ± t(1)·15.4856/√2 = 139.1329.
    expect(card.trend[0]?.interval?.high).toBeCloseTo(200.0829, 4);
    // In the scorecard's order.
    expect(card.criteria.map((criterion) => [criterion.label?.prompt, criterion.n, criterion.agent?.mean.toFixed(4), criterion.team?.mean.toFixed(4)])).toEqual([
      ["Greeted the customer", 3, "66.6667", "80.0000"],
      ["Verified identity", 3, "100.0000", "100.0000"],
      ["Understood the issue", 3, "66.6667", "57.5000"],
      ["Outcome", 3, "50.0000", "55.0000"],
    ]);
    expect(card.weakest.map((criterion) => criterion.label?.prompt)).toEqual(["Greeted the customer", "Outcome"]);
    expect(card.recent.map((evaluation) => evaluation.score)).toEqual([71.9, 50, 71.9]);
    // Beside quality, the customer's side and the team's, with intervals and n for a supervisor.
    expect(card.customer).toMatchObject({ conversations: 3, csatResponses: 3 });
    expect(figures(card.customer?.csat)).toEqual({ n: 3, mean: 25, low: -37.1034, high: 87.1034 });
    expect(figures(card.customer?.handlingSeconds)).toEqual({ n: 3, mean: 400, low: -30.2653, high: 830.2653 });
    expect(card.teamCustomer.csat).toEqual({ mean: expect.closeTo(64.2857, 4) as number, n: 7, interval: { low: expect.closeTo(26.8677, 4) as number, high: expect.closeTo(101.7038, 4) as number } });
    expect(card.teamCustomer.handlingSeconds).toMatchObject({ mean: 198, n: 10 });
  });

  it("lists the agent's disputes with their outcomes", async () => {
    const f = await teamReportWorld();
    const disputed = f.evaluations.a2[0] as string;
    const revisionId = (await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", disputed).executeTakeFirstOrThrow()).current_revision_id ?? "";
    const raised = await raiseDispute(db(), f.a2, disputed, {
      revisionId,
      questions: [{ questionId: "outcome", proposed: { value: "resolved" }, reasonCode: defaultOrganisationSettings.disputeReasonCodes[0] ?? "", reasonText: "It was resolved." }],
    });
    await decideDispute(db(), f.lead, raised.id, { decisions: [{ questionId: "outcome", decision: "keep", note: "Next steps were given, not a resolution." }] });
    const card = await getAgentCard(db(), f.supervisorA, { ...novemberFilters, agentId: f.a2.id, period: "week" }, now);
    expect(card.disputes.map((dispute) => [dispute.evaluationId, dispute.state, dispute.questionCount])).toEqual([[disputed, "rejected", 1]]);
    // The other agents' cards have none.
    expect((await getAgentCard(db(), f.supervisorA, { ...novemberFilters, agentId: f.a1.id, period: "week" }, now)).disputes).toEqual([]);
  });

  it("shows an agent only their released evaluations and the team's mean alone, from 5 evaluations", async () => {
    const f = await teamReportWorld();
    const card = await getAgentCard(db(), f.a1, { ...novemberFilters, agentId: f.a1.id, period: "week" }, now);
    // Released to a1: 100 and 87.5.
    expect(card.n).toBe(2);
    expect(card.score?.mean).toBeCloseTo(93.75, 4);
    expect(card.score?.halfWidth).toBeCloseTo(79.4138, 4);
    expect(card.recent.map((evaluation) => evaluation.score)).toEqual([87.5, 100]);
    // Released in team A: 5 (100, 87.5, 71.9, 50, 25): the mean, without interval or n.
    expect(card.teamScore).toEqual({ mean: expect.closeTo(66.88, 4) as number, n: null, interval: null });
    const greeting = card.criteria.find((criterion) => criterion.label?.questionId === "greeting");
    expect(greeting?.team).toEqual({ mean: 60, n: null, interval: null });
    // Two released answers of their own: too few to call a criterion weak.
    expect(card.weakest).toEqual([]);

    // Anyone else's card is not there for them; nor another team's for the supervisor.
    expect((await refusal(getAgentCard(db(), f.a1, { ...novemberFilters, agentId: f.a2.id, period: "week" }, now))).code).toBe("not_found");
    expect((await refusal(getAgentCard(db(), f.supervisorA, { ...novemberFilters, agentId: f.b1.id, period: "week" }, now))).code).toBe("not_found");
    expect((await refusal(getAgentCard(db(), f.lead, { ...novemberFilters, agentId: f.supervisorA.id, period: "week" }, now))).code).toBe("not_found");

    // A void leaves 4 released in team A: under 5, so the agent sees no team mean at all.
    await seedVoid(f.lead, f.evaluations.a4[0] as string, "Scored against the wrong conversation");
    const after = await getAgentCard(db(), f.a1, { ...novemberFilters, agentId: f.a1.id, period: "week" }, now);
    expect(after.teamScore).toBeNull();
    expect(after.criteria.every((criterion) => criterion.team === null)).toBe(true);
    expect(after.n).toBe(2);
  });

  it("shows an agent all their own CSAT and handling time, and the team's means alone from 5 responses or conversations", async () => {
    const f = await teamReportWorld();
    const card = await getAgentCard(db(), f.a1, { ...novemberFilters, agentId: f.a1.id, period: "week" }, now);
    // The customer's figures do not wait for a release: all three of a1's conversations count.
    expect(card.customer).toMatchObject({ conversations: 3, csatResponses: 2 });
    expect(figures(card.customer?.csat)).toEqual({ n: 2, mean: 87.5, low: -71.3276, high: 246.3276 });
    // Team A: 7 CSAT responses and 10 conversations with a duration, both ≥ 5: the means alone.
    expect(card.teamCustomer).toEqual({
      csat: { mean: expect.closeTo(64.2857, 4) as number, n: null, interval: null },
      handlingSeconds: { mean: 198, n: null, interval: null },
    });
    // From 10 November: 1 response and 4 conversations in team A — neither is shown.
    const late = await getAgentCard(db(), f.a1, { ...novemberFilters, from: "2026-11-10", agentId: f.a1.id, period: "week" }, now);
    expect(late.customer).toMatchObject({ conversations: 1, csatResponses: 0, csat: null, handlingSeconds: { n: 1, mean: 240 } });
    expect(late.teamCustomer).toEqual({ csat: null, handlingSeconds: null });
    // A supervisor sees the same team figures with their n.
    const supervised = await getAgentCard(db(), f.supervisorA, { ...novemberFilters, from: "2026-11-10", agentId: f.a1.id, period: "week" }, now);
    expect(supervised.teamCustomer).toMatchObject({ csat: { mean: 25, n: 1, interval: null }, handlingSeconds: { mean: 165, n: 4 } });
  });
});
