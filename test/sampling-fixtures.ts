/**
 * Shared set-up for sampling and assignment tests: a rule over a fresh set of agents (so
 * tests in one file never see each other's interactions), with interactions in the week
 * that a run on RUN_AT samples ("previous week", organisation in UTC).
 */
import { db } from "../app/lib/db.server";
import type { SamplingRuleSettings } from "../app/modules/sampling/sampling-rule.schema";
import type { Viewer } from "../app/modules/users/roles";
import { createSamplingRule } from "../app/modules/sampling/save-sampling-rule.server";
import { insertInteractionRows, seedScorecard, seedUser } from "./factories";

/** A Wednesday; its previous week is Monday 2026-11-09 to Monday 2026-11-16 (2026-W46). */
export const RUN_AT = new Date("2026-11-18T12:00:00.000Z");
export const WEEK_START = new Date("2026-11-09T00:00:00.000Z");
export const inWeek = (hours: number) => new Date(WEEK_START.getTime() + hours * 3_600_000);

export async function samplingWorld(options: { agents?: number; perAgent?: number; reviewers?: number } = {}) {
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard();
  const agents: Viewer[] = [];
  for (let i = 0; i < (options.agents ?? 3); i++) agents.push(await seedUser("agent"));
  const reviewers: Viewer[] = [];
  for (let i = 0; i < (options.reviewers ?? 2); i++) reviewers.push(await seedUser("qa"));
  const interactionsByAgent = new Map<string, string[]>();
  for (const agent of agents) {
    const rows = Array.from({ length: options.perAgent ?? 5 }, (_, i) => ({ agentId: agent.id, startedAt: inWeek(10 + i * 7) }));
    interactionsByAgent.set(agent.id, await insertInteractionRows(rows));
  }
  const settings = (overrides: Partial<SamplingRuleSettings> = {}): SamplingRuleSettings => ({
    name: `Rule ${Math.random().toString(36).slice(2, 10)}`,
    scorecardId: scorecard.id,
    filters: {
      channels: [],
      teamIds: [],
      agentIds: agents.map((a) => a.id),
      queues: [],
      tags: [],
      tagsMode: "any",
      window: { kind: "previous_week" },
      metadata: {},
    },
    quota: { kind: "per_agent", n: 2 },
    reviewerIds: reviewers.map((r) => r.id),
    dueInHours: 48,
    schedule: { kind: "manual" },
    ...overrides,
  });
  const createRule = async (overrides: Partial<SamplingRuleSettings> = {}) => {
    const ruleSettings = settings(overrides);
    const { id } = await createSamplingRule(db(), lead.id, ruleSettings);
    return { id, settings: ruleSettings };
  };
  return { lead, scorecard, agents, reviewers, interactionsByAgent, settings, createRule };
}

export async function assignmentsOfRun(runId: string) {
  return db()
    .selectFrom("assignments")
    .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
    .select(["assignments.id", "assignments.interaction_id", "assignments.reviewer_id", "assignments.status", "interactions.agent_id"])
    .where("assignments.run_id", "=", runId)
    .orderBy("assignments.interaction_id")
    .execute();
}

export async function assignmentsOfScorecard(scorecardId: string) {
  return db()
    .selectFrom("assignments")
    .select(["id", "interaction_id", "reviewer_id", "status", "run_id"])
    .where("scorecard_id", "=", scorecardId)
    .orderBy("interaction_id")
    .execute();
}

// ---------------------------------------------------------------------------------------
// The sampling pages' route tests (app/routes/sampling.*.test.ts)

const DAY_MS = 24 * 3_600_000;
export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/**
 * Agents with five conversations each two days ago, which a "last 7 days" window sees
 * whenever the test runs (the route samples the period of now).
 */
export async function recentWorld(options: { agents?: number; perAgent?: number } = {}) {
  const world = await samplingWorld({ agents: options.agents ?? 3, perAgent: 0, reviewers: 2 });
  const twoDaysAgo = Date.now() - 2 * DAY_MS;
  for (const agent of world.agents) {
    await insertInteractionRows(
      Array.from({ length: options.perAgent ?? 5 }, (_, i) => ({ agentId: agent.id, startedAt: new Date(twoDaysAgo + i * 60_000) })),
    );
  }
  const recentRule = () =>
    world.createRule({ filters: { ...world.settings().filters, window: { kind: "last_n_days", days: 7 } }, quota: { kind: "per_agent", n: 2 } });
  return { ...world, recentRule };
}

export type RecentWorld = Awaited<ReturnType<typeof recentWorld>>;

/** The rule form as a browser posts it (blank fields included), with `overrides` on top. */
export function ruleFields(world: RecentWorld, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "save",
    name: `Route rule ${Math.random().toString(36).slice(2, 10)}`,
    scorecardId: world.scorecard.id,
    "filters.window.kind": "last_n_days",
    "filters.window.days": "7",
    "filters.agentIds": world.agents.map((agent) => agent.id),
    "filters.tags": "",
    "filters.tagsMode": "any",
    "filters.durationMinMinutes": "",
    "filters.durationMaxMinutes": "",
    "filters.metadata.0.key": "",
    "filters.metadata.0.value": "",
    "filters.metadata.1.key": "",
    "filters.metadata.1.value": "",
    "quota.kind": "per_agent",
    "quota.n": "2",
    "quota.percent": "10",
    reviewerIds: world.reviewers.map((reviewer) => reviewer.id),
    capPerReviewer: "",
    dueInHours: "48",
    "schedule.kind": "weekly",
    "schedule.weekday": "1",
    "schedule.hour": "6",
    "schedule.day": "1",
    ...overrides,
  };
}

/** The rule row as stored, or undefined. */
export const ruleRow = (id: string) => db().selectFrom("sampling_rules").selectAll().where("id", "=", id).executeTakeFirst();
/** The new rule's id from the redirect after creating it. */
export const ruleIdFrom = (location: string | null | undefined) => /^\/sampling\/([0-9a-f-]{36})\?done=created$/.exec(location ?? "")?.[1] as string;
