/**
 * Per-agent coverage for a rule and a period: of each agent's interactions that match the
 * rule, how many were reviewed (a submitted review evaluation for the rule's scorecard),
 * how many are waiting in a queue, and how many the quota wants. A lead reads it to see who
 * is under-sampled. One grouped query over the period's index range.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { getOrganisation } from "../users/get-organisation.server";
import { wantedFor } from "./draw";
import { getRuleSettings } from "./get-rule-settings.server";
import { loadExpectedAgents, whereMatchesRule } from "./load-candidates.server";
import { resolvePeriod, type Period } from "./period";

export interface AgentCoverage {
  agentId: string;
  agentName: string;
  matched: number;
  reviewed: number;
  open: number;
  wanted: number;
  /** reviewed / wanted, 1 when nothing is wanted. */
  coverage: number;
  underSampled: boolean;
}

export interface CoverageReport {
  ruleName: string;
  period: Period;
  agents: AgentCoverage[];
  totals: { matched: number; reviewed: number; open: number; wanted: number; underSampled: number };
}

export async function samplingCoverage(db: Database, actor: Actor, input: { ruleId: string; asOf: Date }): Promise<CoverageReport> {
  assertCan(actor, "sampling:manage");
  const rule = await getRuleSettings(db, input.ruleId);
  const { timeZone } = await getOrganisation(db);
  const period = resolvePeriod(rule.settings.filters.window, input.asOf, timeZone);
  const scorecardId = rule.scorecardId;

  const rows = await whereMatchesRule(db.selectFrom("interactions"), rule.settings.filters, period)
    .select([
      "interactions.agent_id",
      sql<number>`count(*)::int`.as("matched"),
      sql<number>`count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM evaluations e WHERE e.interaction_id = interactions.id AND e.scorecard_id = ${scorecardId}
          AND e.kind = 'review' AND e.status = 'submitted'))::int`.as("reviewed"),
      sql<number>`count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM assignments a WHERE a.interaction_id = interactions.id AND a.scorecard_id = ${scorecardId}
          AND a.status = 'open'))::int`.as("open"),
    ])
    .groupBy("interactions.agent_id")
    .execute();

  const byAgent = new Map(rows.map((row) => [row.agent_id, row]));
  const agentIds = new Set([...byAgent.keys(), ...(await loadExpectedAgents(db, rule.settings.filters, period))]);
  const names = new Map<string, string>();
  if (agentIds.size > 0) {
    for (const row of await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...agentIds]).execute()) names.set(row.id, row.name);
  }

  const agents = [...agentIds].map((agentId): AgentCoverage => {
    const row = byAgent.get(agentId);
    const matched = row?.matched ?? 0;
    const reviewed = row?.reviewed ?? 0;
    const wanted = Math.min(wantedFor(rule.settings.quota, matched), matched);
    return {
      agentId,
      agentName: names.get(agentId) ?? "Unknown agent",
      matched,
      reviewed,
      open: row?.open ?? 0,
      wanted,
      coverage: wanted === 0 ? 1 : reviewed / wanted,
      underSampled: reviewed < wanted,
    };
  });
  // Least covered first, so the agents that need attention are at the top.
  agents.sort((a, b) => a.coverage - b.coverage || a.agentName.localeCompare(b.agentName));
  const sum = (pick: (a: AgentCoverage) => number) => agents.reduce((total, a) => total + pick(a), 0);
  return {
    ruleName: rule.name,
    period,
    agents,
    totals: {
      matched: sum((a) => a.matched),
      reviewed: sum((a) => a.reviewed),
      open: sum((a) => a.open),
      wanted: sum((a) => a.wanted),
      underSampled: agents.filter((a) => a.underSampled).length,
    },
  };
}
