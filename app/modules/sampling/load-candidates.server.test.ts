/**
 * Every filter a sampling rule can set, as the candidate query applies it on real PostgreSQL,
 * and the agents a run expects to report on. Each test's filters name its own agents (or a
 * queue of its own), so rows other tests add to the same week never match.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedTeam, seedUser } from "../../../test/factories";
import { WEEK_START, inWeek } from "../../../test/sampling-fixtures";
import { loadCandidates, loadCandidatesByAgent, loadExpectedAgents } from "./load-candidates.server";
import type { Period } from "./period";
import type { SamplingFilters } from "./sampling-rule.schema";

const WEEK: Period = { start: WEEK_START, end: new Date(WEEK_START.getTime() + 7 * 24 * 3_600_000), key: "2026-W46" };

const noFilters: SamplingFilters = {
  channels: [],
  teamIds: [],
  agentIds: [],
  queues: [],
  tags: [],
  tagsMode: "any",
  window: { kind: "previous_week" },
  metadata: {},
};

/**
 * Two agents' week: `a` to `d` differ in every filtered column; `failed` (a failed import) and
 * `outside` (the Monday after) match no rule.
 */
async function filterWorld() {
  const [agentA, agentB] = [await seedUser("agent"), await seedUser("agent")];
  const [teamOne, teamTwo] = [await seedTeam(), await seedTeam()];
  const [a, b, c, d, failed, outside] = await insertInteractionRows([
    {
      agentId: agentA.id,
      startedAt: inWeek(1),
      channel: "call",
      teamId: teamOne.id,
      queue: "billing",
      tags: ["refund", "vip"],
      durationMs: 30_000,
      metadata: { region: "eu", tier: "gold" },
    },
    {
      agentId: agentA.id,
      startedAt: inWeek(2),
      channel: "chat",
      teamId: teamTwo.id,
      queue: "support",
      tags: ["refund"],
      durationMs: 120_000,
      metadata: { region: "eu" },
    },
    {
      agentId: agentB.id,
      startedAt: inWeek(3),
      channel: "email",
      teamId: teamOne.id,
      queue: null,
      tags: [],
      durationMs: 600_000,
      metadata: { region: "us", tier: "gold" },
    },
    { agentId: agentB.id, startedAt: inWeek(4), channel: "chat", teamId: null, queue: "billing", tags: ["vip"], durationMs: 60_000, metadata: { priority: 2 } },
    { agentId: agentA.id, startedAt: inWeek(5), channel: "call", status: "failed" },
    { agentId: agentA.id, startedAt: new Date(WEEK.end.getTime()), channel: "call" },
  ]);
  const ids = { a: a!, b: b!, c: c!, d: d!, failed: failed!, outside: outside! };
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  /**
   * Which of the world's interactions match: by their letters, sorted. A run reads them
   * grouped per agent (loadCandidatesByAgent): every filter must give that query the same rows.
   */
  const matching = async (filters: Partial<SamplingFilters>) => {
    const all = { ...noFilters, agentIds: [agentA.id, agentB.id], ...filters };
    const rows = await loadCandidates(db(), all, WEEK);
    const grouped = (await loadCandidatesByAgent(db(), all, WEEK)).flatMap((group) => group.ids.map((id) => ({ id, agentId: group.agentId })));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect(grouped.sort(byId)).toEqual(rows.sort(byId));
    return rows.map((row) => names.get(row.id)).sort();
  };
  return { agentA, agentB, teamOne, teamTwo, ids, matching };
}

describe("the candidate query's filters", () => {
  it("with no filter but the window: the period's interactions, never a failed import", async () => {
    const world = await filterWorld();
    expect(await world.matching({})).toEqual(["a", "b", "c", "d"]);
  });

  it("channels, teams, agents and queues: any of the listed values", async () => {
    const world = await filterWorld();
    expect(await world.matching({ channels: ["chat"] })).toEqual(["b", "d"]);
    expect(await world.matching({ channels: ["call", "email"] })).toEqual(["a", "c"]);
    expect(await world.matching({ teamIds: [world.teamOne.id] })).toEqual(["a", "c"]);
    expect(await world.matching({ teamIds: [world.teamOne.id, world.teamTwo.id] })).toEqual(["a", "b", "c"]);
    expect(await world.matching({ agentIds: [world.agentB.id] })).toEqual(["c", "d"]);
    expect(await world.matching({ queues: ["billing"] })).toEqual(["a", "d"]);
    expect(await world.matching({ queues: ["billing", "support"] })).toEqual(["a", "b", "d"]);
  });

  it("tags: any of them, or all of them", async () => {
    const world = await filterWorld();
    expect(await world.matching({ tags: ["refund", "vip"], tagsMode: "any" })).toEqual(["a", "b", "d"]);
    expect(await world.matching({ tags: ["refund", "vip"], tagsMode: "all" })).toEqual(["a"]);
    expect(await world.matching({ tags: ["vip"], tagsMode: "all" })).toEqual(["a", "d"]);
    expect(await world.matching({ tags: ["nobody-uses-this"] })).toEqual([]);
  });

  it("duration: the shortest and longest, both inclusive", async () => {
    const world = await filterWorld();
    expect(await world.matching({ durationMinMs: 60_000 })).toEqual(["b", "c", "d"]);
    expect(await world.matching({ durationMaxMs: 60_000 })).toEqual(["a", "d"]);
    expect(await world.matching({ durationMinMs: 60_000, durationMaxMs: 120_000 })).toEqual(["b", "d"]);
  });

  it("metadata: every pair must be there with that value (as text); a missing key is a miss", async () => {
    const world = await filterWorld();
    expect(await world.matching({ metadata: { region: "eu" } })).toEqual(["a", "b"]);
    // `b` has region eu but no tier: it must not match a rule asking for both.
    expect(await world.matching({ metadata: { region: "eu", tier: "gold" } })).toEqual(["a"]);
    expect(await world.matching({ metadata: { tier: "gold", region: "us" } })).toEqual(["c"]);
    expect(await world.matching({ metadata: { region: "eu", missing: "x" } })).toEqual([]);
    // A number stored in the metadata compares as the text the rule form saves.
    expect(await world.matching({ metadata: { priority: "2" } })).toEqual(["d"]);
  });

  it("filters combine: an interaction must pass all of them", async () => {
    const world = await filterWorld();
    expect(await world.matching({ channels: ["chat"], tags: ["refund"] })).toEqual(["b"]);
    expect(await world.matching({ queues: ["billing"], durationMinMs: 45_000, metadata: { priority: "2" } })).toEqual(["d"]);
    expect(await world.matching({ teamIds: [world.teamOne.id], channels: ["chat"] })).toEqual([]);
  });
});

describe("loadExpectedAgents", () => {
  it("lists the rule's agents, matched or not", async () => {
    const world = await filterWorld();
    const quiet = await seedUser("agent");
    const agentIds = [world.agentA.id, quiet.id];
    expect(await loadExpectedAgents(db(), { ...noFilters, agentIds, tags: ["nobody-uses-this"] }, WEEK)).toEqual(agentIds);
  });

  it("else the agents who worked the rule's channels and queues in the period, whatever its narrower filters let through", async () => {
    const queue = `queue-${randomBytes(4).toString("hex")}`;
    const [tagged, untagged, voiceOnly, elsewhere, absent] = [
      await seedUser("agent"),
      await seedUser("agent"),
      await seedUser("agent"),
      await seedUser("agent"),
      await seedUser("agent"),
    ];
    await insertInteractionRows([
      { agentId: tagged.id, startedAt: inWeek(1), channel: "chat", queue, tags: ["escalated"] },
      { agentId: untagged.id, startedAt: inWeek(2), channel: "chat", queue },
      { agentId: voiceOnly.id, startedAt: inWeek(3), channel: "call", queue, tags: ["escalated"] },
      { agentId: elsewhere.id, startedAt: inWeek(4), channel: "chat", queue: `${queue}-other`, tags: ["escalated"] },
      { agentId: absent.id, startedAt: new Date(WEEK.start.getTime() - 3_600_000), channel: "chat", queue, tags: ["escalated"] },
    ]);
    const chats = { ...noFilters, channels: ["chat" as const], queues: [queue] };
    const expected = await loadExpectedAgents(db(), { ...chats, tags: ["escalated"], durationMinMs: 1 }, WEEK);
    expect(expected.sort()).toEqual([tagged.id, untagged.id].sort());
    // Without narrower filters the agents with candidates are the expected ones: nothing more to read.
    expect(await loadExpectedAgents(db(), chats, WEEK)).toEqual([]);
  });
});
