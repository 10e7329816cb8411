/**
 * A run's header for its page: what it ran with, its totals, how many agents it reports on
 * and how many fell short. The per-agent table and the assignments it made are paged
 * separately (list-run-agents, list-run-assignments): a run of "5 per agent" over 1,000
 * agents made 5,000 assignments, too many for one page.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { notFound } from "../../lib/errors";
import type { SamplingRuleSettings } from "./sampling-rule.schema";

/** Drawn-but-unassigned conversations shown on the page; the rest are only counted. */
export const UNASSIGNED_SHOWN = 50;

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
  /** Agents the run reports on, and how many of them are short. */
  agentCount: number;
  agentsShort: number;
  /** The first UNASSIGNED_SHOWN of them, in the run's order, and how many there are. */
  unassigned: (UnassignedConversation & { reason: "no_reviewer" | "caps_reached" })[];
  unassignedCount: number;
}

/** What names a conversation for a person: whose, with whom, when. Null where it was deleted since. */
export interface UnassignedConversation {
  interactionId: string;
  agentName: string | null;
  customerName: string | null;
  channel: "call" | "chat" | "email" | null;
  startedAt: Date | null;
}

export async function getSamplingRun(db: Database, actor: Actor, runId: string): Promise<SamplingRunDetail> {
  assertCan(actor, "sampling:manage");
  const run = await db
    .selectFrom("sampling_runs")
    .innerJoin("sampling_rules", "sampling_rules.id", "sampling_runs.rule_id")
    .leftJoin("users as starter", "starter.id", "sampling_runs.started_by")
    .select([
      "sampling_runs.id",
      "sampling_runs.rule_id",
      "sampling_runs.period_key",
      "sampling_runs.period_start",
      "sampling_runs.period_end",
      "sampling_runs.seed",
      "sampling_runs.trigger",
      "sampling_runs.status",
      "sampling_runs.error",
      "sampling_runs.matched",
      "sampling_runs.drawn",
      "sampling_runs.assigned",
      "sampling_runs.shortfall",
      "sampling_runs.settings",
      "sampling_runs.started_at",
      "sampling_runs.finished_at",
      "sampling_rules.name as rule_name",
      "starter.name as starter_name",
      sql<number>`jsonb_array_length(sampling_runs.per_agent)`.as("agent_count"),
      sql<number>`(SELECT count(*)::int FROM jsonb_array_elements(sampling_runs.per_agent) AS a WHERE (a ->> 'shortfall')::int > 0)`.as(
        "agents_short",
      ),
      sql<number>`jsonb_array_length(sampling_runs.unassigned)`.as("unassigned_count"),
      sql<unknown>`jsonb_path_query_array(sampling_runs.unassigned, ${`$[0 to ${UNASSIGNED_SHOWN - 1}]`}::jsonpath)`.as("unassigned_first"),
    ])
    .where("sampling_runs.id", "=", runId)
    .executeTakeFirst();
  if (!run) throw notFound("Sampling run");
  const unassigned = run.unassigned_first as { interactionId: string; reason: "no_reviewer" | "caps_reached" }[];
  const facts = unassigned.length
    ? await db
        .selectFrom("interactions")
        .innerJoin("users as agent", "agent.id", "interactions.agent_id")
        .select(["interactions.id", "interactions.customer_name", "interactions.channel", "interactions.started_at", "agent.name as agent_name"])
        .where(
          "interactions.id",
          "in",
          unassigned.map((item) => item.interactionId),
        )
        .execute()
    : [];
  const byId = new Map(facts.map((row) => [row.id, row]));

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
    agentCount: run.agent_count,
    agentsShort: run.agents_short,
    unassigned: unassigned.map((item) => {
      const row = byId.get(item.interactionId);
      return {
        interactionId: item.interactionId,
        reason: item.reason,
        agentName: row?.agent_name ?? null,
        customerName: row?.customer_name ?? null,
        channel: (row?.channel as UnassignedConversation["channel"]) ?? null,
        startedAt: row?.started_at ?? null,
      };
    }),
    unassignedCount: run.unassigned_count,
  };
}
