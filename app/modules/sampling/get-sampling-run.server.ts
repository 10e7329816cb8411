import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import type { AgentPlan } from "./plan-sample.server";
import type { SamplingRuleSettings } from "./sampling-rule.schema";

export interface RunAgentRow extends AgentPlan {
  agentName: string;
}

export interface RunAssignmentRow {
  id: string;
  interactionId: string;
  agentName: string;
  reviewerName: string;
  status: "open" | "done" | "skipped";
  skipReason: string | null;
  dueAt: Date;
}

export interface SamplingRunDetail {
  id: string;
  ruleId: string;
  ruleName: string;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  seed: string;
  trigger: "manual" | "schedule";
  status: "completed" | "failed";
  error: string | null;
  matched: number;
  drawn: number;
  assigned: number;
  shortfall: number;
  settings: SamplingRuleSettings;
  startedAt: Date;
  finishedAt: Date;
  startedByName: string | null;
  perAgent: RunAgentRow[];
  unassigned: { interactionId: string; reason: "no_reviewer" | "caps_reached" }[];
  assignments: RunAssignmentRow[];
}

/** A run with its per-agent tallies (by agent name) and the assignments it made. */
export async function getSamplingRun(db: Database, runId: string): Promise<SamplingRunDetail> {
  const run = await db
    .selectFrom("sampling_runs")
    .innerJoin("sampling_rules", "sampling_rules.id", "sampling_runs.rule_id")
    .leftJoin("users as starter", "starter.id", "sampling_runs.started_by")
    .selectAll("sampling_runs")
    .select(["sampling_rules.name as rule_name", "starter.name as starter_name"])
    .where("sampling_runs.id", "=", runId)
    .executeTakeFirst();
  if (!run) throw notFound("Sampling run");

  const perAgent = run.per_agent as unknown as AgentPlan[];
  const names = new Map<string, string>();
  if (perAgent.length > 0) {
    const agents = await db.selectFrom("users").select(["id", "name"]).where("id", "in", perAgent.map((a) => a.agentId)).execute();
    for (const agent of agents) names.set(agent.id, agent.name);
  }
  const assignments = await db
    .selectFrom("assignments")
    .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .innerJoin("users as reviewer", "reviewer.id", "assignments.reviewer_id")
    .select([
      "assignments.id",
      "assignments.interaction_id",
      "assignments.status",
      "assignments.skip_reason",
      "assignments.due_at",
      "agent.name as agent_name",
      "reviewer.name as reviewer_name",
    ])
    .where("assignments.run_id", "=", runId)
    .orderBy("agent.name")
    .orderBy("assignments.rank_key")
    .execute();

  return {
    id: run.id,
    ruleId: run.rule_id,
    ruleName: run.rule_name,
    periodKey: run.period_key,
    periodStart: run.period_start,
    periodEnd: run.period_end,
    seed: run.seed,
    trigger: run.trigger as SamplingRunDetail["trigger"],
    status: run.status as SamplingRunDetail["status"],
    error: run.error,
    matched: run.matched,
    drawn: run.drawn,
    assigned: run.assigned,
    shortfall: run.shortfall,
    settings: run.settings as unknown as SamplingRuleSettings,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    startedByName: run.starter_name,
    perAgent: perAgent
      .map((agent) => ({ ...agent, agentName: names.get(agent.agentId) ?? "Unknown agent" }))
      .sort((a, b) => a.agentName.localeCompare(b.agentName)),
    unassigned: run.unassigned as unknown as SamplingRunDetail["unassigned"],
    assignments: assignments.map((row) => ({
      id: row.id,
      interactionId: row.interaction_id,
      agentName: row.agent_name,
      reviewerName: row.reviewer_name,
      status: row.status as RunAssignmentRow["status"],
      skipReason: row.skip_reason,
      dueAt: row.due_at,
    })),
  };
}
