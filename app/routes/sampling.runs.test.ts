/**
 * Paging the sampling pages on real PostgreSQL, as Remix calls their loaders: a run's
 * per-agent table (agents short first, "only agents short") and the assignments it made,
 * 50 a page with keyset cursors that keep the other list's place, one agent's assignments;
 * and a rule's runs, 20 a page back through "Older runs".
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { runSamplingRule } from "../modules/sampling/run-sampling-rule.server";
import { insertInteractionRows } from "../../test/factories";
import { getRequest, thrown } from "../../test/route-requests";
import { RUN_AT, inWeek, samplingWorld } from "../../test/sampling-fixtures";
import { loader as ruleLoader } from "./sampling.$ruleId";
import { loader as runLoader } from "./sampling.runs.$runId";
import { seedData } from "../modules/access/actor";

/** Agents made in one statement (no password hashing): "<prefix> 000", "<prefix> 001", … */
async function bulkAgents(count: number, prefix: string) {
  return db()
    .insertInto("users")
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `${prefix.replace(/\W/g, "")}.${i}@bulk.test`,
        name: `${prefix} ${String(i).padStart(3, "0")}`,
        role: "agent",
        password_hash: "not-a-login",
      })),
    )
    .returning(["id", "name"])
    .execute();
}

/**
 * 57 agents, "2 per agent": agents 000–049 had two conversations (none short), 050–054 one
 * (1 short), 055–056 none (2 short). 105 assignments.
 */
async function bigRun() {
  const world = await samplingWorld({ agents: 0, perAgent: 0, reviewers: 2 });
  const prefix = `Bulk ${Math.random().toString(36).slice(2, 8)}`;
  const agents = await bulkAgents(57, prefix);
  const conversations = agents.flatMap((agent, i) =>
    Array.from({ length: i < 50 ? 2 : i < 55 ? 1 : 0 }, (_, n) => ({ agentId: agent.id, startedAt: inWeek(10 + n) })),
  );
  await insertInteractionRows(conversations);
  const rule = await world.createRule({ filters: { ...world.settings().filters, agentIds: agents.map((agent) => agent.id) }, quota: { kind: "per_agent", n: 2 } });
  const run = await runSamplingRule(db(), world.lead, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
  if (run.status !== "completed") throw new Error("the run failed");
  const load = async (search = "") =>
    runLoader({ request: await getRequest(world.lead, `/sampling/runs/${run.runId}${search}`), params: { runId: run.runId }, context: {} });
  return { ...world, agents, rule, runId: run.runId, load };
}

describe("the run page", () => {
  it("pages the per-agent table 50 at a time, agents short first (most short first), then by name", async () => {
    const { agents, load } = await bigRun();
    const first = await load();
    expect(first.run).toMatchObject({ drawn: 105, assigned: 105, shortfall: 9, agentCount: 57, agentsShort: 7 });
    expect(first.agents.items).toHaveLength(50);
    expect(first.agents.isFirstPage).toBe(true);
    const byIndex = (...indexes: number[]) => indexes.map((i) => agents[i]!.name);
    expect(first.agents.items.slice(0, 8).map((agent) => agent.agentName)).toEqual(byIndex(55, 56, 50, 51, 52, 53, 54, 0));
    expect(first.agents.items.slice(0, 3).map((agent) => agent.shortfall)).toEqual([2, 2, 1]);
    expect(first.agents.next).toBe(first.agents.items[49]!.agentId);

    const second = await load(`?agentsAfter=${first.agents.next}`);
    expect(second.agents.items.map((agent) => agent.agentName)).toEqual(byIndex(43, 44, 45, 46, 47, 48, 49));
    expect(second.agents).toMatchObject({ next: null, isFirstPage: false });
    const seen = new Set([...first.agents.items, ...second.agents.items].map((agent) => agent.agentId));
    expect(seen.size).toBe(57);

    // "Only agents short", and a page of it after its third agent.
    const short = await load("?short=1");
    expect(short.agents).toMatchObject({ shortOnly: true, next: null });
    expect(short.agents.items.map((agent) => agent.agentName)).toEqual(byIndex(55, 56, 50, 51, 52, 53, 54));
    const shortLater = await load(`?short=1&agentsAfter=${short.agents.items[2]!.agentId}`);
    expect(shortLater.agents.items.map((agent) => agent.agentName)).toEqual(byIndex(51, 52, 53, 54));

    // A cursor that names no agent of this run is an empty later page, not an error.
    const stray = await load(`?agentsAfter=${agents[0]!.id.replace(/.$/, (c) => (c === "0" ? "1" : "0"))}`);
    expect(stray.agents).toMatchObject({ items: [], isFirstPage: false, next: null });
  });

  it("pages the assignments 50 at a time by agent, keeps the agents' place, and narrows to one agent", async () => {
    const { agents, load } = await bigRun();
    const pages = [await load("?short=1")];
    while (pages.at(-1)!.assignments.next) pages.push(await load(`?short=1&after=${pages.at(-1)!.assignments.next}`));
    expect(pages.map((page) => page.assignments.items.length)).toEqual([50, 50, 5]);
    expect(pages.slice(1).every((page) => !page.assignments.isFirstPage && page.agents.shortOnly)).toBe(true);
    const all = pages.flatMap((page) => page.assignments.items);
    expect(new Set(all.map((item) => item.id)).size).toBe(105);
    const names = all.map((item) => item.agentName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const one = await load(`?agent=${agents[3]!.id}`);
    expect(one.assignments.agent).toEqual({ id: agents[3]!.id, name: agents[3]!.name });
    expect(one.assignments.items.map((item) => item.agentName)).toEqual([agents[3]!.name, agents[3]!.name]);
    expect(one.assignments.next).toBeNull();
    const none = await load(`?agent=${agents[56]!.id}`);
    expect(none.assignments.items).toEqual([]);
  });

  it("answers 400 to a malformed page link", async () => {
    const { load } = await bigRun();
    for (const search of ["?after=later", "?agentsAfter=1", "?short=yes", "?agent=ada"]) {
      expect((await thrown(() => load(search))).status, search).toBe(400);
    }
    // Blank values mean "none".
    expect((await load("?after=&agent=&short=")).assignments.isFirstPage).toBe(true);
  });
});

describe("the rule page's runs", () => {
  it("shows the 20 newest runs and pages back through older ones", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 0, reviewers: 1 });
    const rule = await world.createRule();
    for (let i = 0; i < 23; i++) await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
    const newestFirst = (
      await db().selectFrom("sampling_runs").select("id").where("rule_id", "=", rule.id).orderBy("started_at", "desc").orderBy("id", "desc").execute()
    ).map((row) => row.id);
    const load = async (search = "") =>
      ruleLoader({ request: await getRequest(world.lead, `/sampling/${rule.id}${search}`), params: { ruleId: rule.id }, context: {} });

    const first = await load();
    expect(first.runs.map((run) => run.id)).toEqual(newestFirst.slice(0, 20));
    expect(first).toMatchObject({ runsFirstPage: true, runsNext: newestFirst[19] });
    const older = await load(`?runsBefore=${first.runsNext}`);
    expect(older.runs.map((run) => run.id)).toEqual(newestFirst.slice(20));
    expect(older).toMatchObject({ runsFirstPage: false, runsNext: null });

    expect((await thrown(() => load("?runsBefore=yesterday"))).status).toBe(400);
  });
});

describe("conversations on the run page", () => {
  it("are named by channel, customer, agent and start time with a link, not by a cut-off id", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 3, reviewers: 1 });
    const agent = world.agents[0]!;
    const ids = world.interactionsByAgent.get(agent.id)!;
    await db().updateTable("interactions").set({ customer_name: "Robin Vale", channel: "call" }).where("id", "in", ids).execute();
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 3 }, capPerReviewer: 2 });
    const run = await runSamplingRule(db(), world.lead, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
    const page = await runLoader({ request: await getRequest(world.lead, `/sampling/runs/${run.runId}`), params: { runId: run.runId }, context: {} });
    // The world's conversations start 10, 17 and 24 hours into the week of 9 Nov 2026 (UTC, the organisation's zone here).
    const expected = ["10 Nov 2026, 00:00", "9 Nov 2026, 10:00", "9 Nov 2026, 17:00"];
    expect(page.assignments.items.map(({ conversation, agentName }) => ({ conversation, agentName }))).toEqual([
      { conversation: "Call with Robin Vale", agentName: agent.name },
      { conversation: "Call with Robin Vale", agentName: agent.name },
    ]);
    expect(page.unassigned).toEqual([
      { interactionId: expect.any(String) as string, conversation: "Call with Robin Vale", agentName: agent.name, startedAt: expect.any(String) as string, reason: expect.any(String) as string },
    ]);
    const shown = [...page.assignments.items.map((item) => item.startedAt), page.unassigned[0]!.startedAt].sort();
    expect(shown).toEqual(expected);
    expect(JSON.stringify(page)).not.toContain("…");
  });
});
