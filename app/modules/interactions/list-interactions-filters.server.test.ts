/**
 * The interaction list's filters on real PostgreSQL: each narrows correctly, they
 * combine, the date range is read in the organisation's time zone, scoping still
 * holds under any filter, paging returns each row once, and every indexed filter
 * can be answered by its index.
 */
import { CompiledQuery, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedInteraction, seedTeam, seedUser } from "../../../test/factories";
import type { Viewer } from "../users/roles";
import type { InteractionFilters } from "./interaction-filters";
import {
  hasSearchableWords,
  interactionListQuery,
  listInteractionFilterOptions,
  queuesInScopeQuery,
  listInteractions,
  type InteractionListQuery,
} from "./list-interactions.server";
import type { Transcript } from "../transcripts/transcript";

const TIME_ZONE = "America/New_York";

let teamNorth: { id: string; name: string };
let teamSouth: { id: string; name: string };
let ada: Viewer; // agent, North
let ben: Viewer; // agent, North
let cy: Viewer; // agent, South
let qa: Viewer;
let northLead: Viewer; // supervisor of North

interface Seeded {
  key: string;
  id: string;
  agent: "ada" | "ben" | "cy";
  channel: "call" | "chat";
  startedAt: Date;
  durationMs: number;
  queue: string | null;
  tags: string[];
  status: "processing" | "ready" | "failed";
}
const seeded: Seeded[] = [];

function call(text: string): Transcript {
  return {
    version: 1,
    channel: "call",
    speakers: [
      { id: "a", role: "agent" },
      { id: "c", role: "customer" },
    ],
    segments: [
      { id: "s1", speaker: "a", startMs: 0, endMs: 1000, text: "Thanks for calling." },
      { id: "s2", speaker: "c", startMs: 1200, endMs: 3000, text },
    ],
  };
}

function chat(text: string): Transcript {
  return {
    version: 1,
    channel: "chat",
    speakers: [
      { id: "a", role: "agent" },
      { id: "c", role: "customer" },
    ],
    segments: [
      { id: "m1", speaker: "c", at: "2026-03-01T10:00:00.000Z", text },
      { id: "m2", speaker: "a", at: "2026-03-01T10:01:00.000Z", text: "Let me look at that for you." },
    ],
  };
}

beforeAll(async () => {
  await db()
    .insertInto("organisation")
    .values({ id: 1, name: "Filters Ltd", time_zone: TIME_ZONE })
    .onConflict((oc) => oc.column("id").doUpdateSet({ time_zone: TIME_ZONE }))
    .execute();
  teamNorth = await seedTeam();
  teamSouth = await seedTeam();
  ada = await seedUser("agent", [teamNorth.id]);
  ben = await seedUser("agent", [teamNorth.id]);
  cy = await seedUser("agent", [teamSouth.id]);
  qa = await seedUser("qa");
  northLead = await seedUser("supervisor", [teamNorth.id]);
  const agents = { ada, ben, cy };

  const rows: Array<Omit<Seeded, "id"> & { text: string }> = [
    // New York is UTC-5 until 2026-03-08 02:00 local, UTC-4 after.
    { key: "ada-call-refund", agent: "ada", channel: "call", startedAt: new Date("2026-03-10T04:30:00Z"), durationMs: 2 * 60_000, queue: "billing", tags: ["refund", "vip"], status: "ready", text: "I was billed twice, a duplicate charge, and I want a refund." },
    { key: "ada-chat-late", agent: "ada", channel: "chat", startedAt: new Date("2026-03-10T03:30:00Z"), durationMs: 5 * 60_000, queue: "billing", tags: ["autopay"], status: "ready", text: "Can I set up autopay for my bill?" },
    { key: "ben-call-evening", agent: "ben", channel: "call", startedAt: new Date("2026-03-11T03:30:00Z"), durationMs: 5 * 60_000 + 1, queue: "billing", tags: ["late-fee"], status: "failed", text: "Why is there a late fee on this bill?" },
    { key: "ben-chat-night", agent: "ben", channel: "chat", startedAt: new Date("2026-03-11T04:30:00Z"), durationMs: 7 * 60_000, queue: null, tags: [], status: "ready", text: "My router keeps dropping the wifi connection." },
    { key: "cy-call-engineers", agent: "cy", channel: "call", startedAt: new Date("2026-03-08T05:30:00Z"), durationMs: 12 * 60_000, queue: "tech-support", tags: ["outage", "vip"], status: "ready", text: "The engineers said the outage would be fixed by noon." },
    { key: "cy-call-before-dst", agent: "cy", channel: "call", startedAt: new Date("2026-03-08T04:30:00Z"), durationMs: 30_000, queue: "tech-support", tags: ["outage"], status: "processing", text: "No dial tone since last night, can an engineer come?" },
    { key: "cy-chat-engine", agent: "cy", channel: "chat", startedAt: new Date("2026-03-12T15:00:00Z"), durationMs: 4 * 60_000, queue: "sales", tags: ["upgrade"], status: "ready", text: "I would like the fibre upgrade, the engineering team called me." },
  ];
  for (const row of rows) {
    const { id } = await seedInteraction(agents[row.agent].id, {
      startedAt: row.startedAt,
      durationMs: row.durationMs,
      queue: row.queue,
      tags: row.tags,
      transcript: row.channel === "call" ? call(row.text) : chat(row.text),
    });
    if (row.status !== "ready") {
      await db().updateTable("interactions").set({ status: row.status }).where("id", "=", id).execute();
    }
    const { text: _text, ...rest } = row;
    seeded.push({ ...rest, id });
  }
});

async function keysFor(viewer: Viewer, filters: InteractionFilters): Promise<string[]> {
  const { items } = await listInteractions(db(), viewer, { ...filters, limit: 100, timeZone: TIME_ZONE });
  return items.map((item) => seeded.find((row) => row.id === item.id)?.key ?? item.id).sort();
}

const keysWhere = (predicate: (row: Seeded) => boolean) => seeded.filter(predicate).map((row) => row.key).sort();

describe("list filters", () => {
  it("without filters lists everything in scope", async () => {
    expect(await keysFor(qa, {})).toEqual(keysWhere(() => true));
  });

  it("narrows by channel", async () => {
    expect(await keysFor(qa, { channel: "chat" })).toEqual(keysWhere((row) => row.channel === "chat"));
    expect(await keysFor(qa, { channel: "email" })).toEqual([]);
  });

  it("narrows by team and by agent", async () => {
    expect(await keysFor(qa, { teamId: teamSouth.id })).toEqual(keysWhere((row) => row.agent === "cy"));
    expect(await keysFor(qa, { agentId: ben.id })).toEqual(keysWhere((row) => row.agent === "ben"));
    expect(await keysFor(qa, { teamId: teamSouth.id, agentId: ben.id })).toEqual([]);
  });

  it("reads from/to as whole days in the organisation's time zone", async () => {
    // 10 March in New York (EDT, UTC-4) is 04:00Z on the 10th to 04:00Z on the 11th.
    expect(await keysFor(qa, { from: "2026-03-10", to: "2026-03-10" })).toEqual(["ada-call-refund", "ben-call-evening"]);
    // The same dates read as UTC would have picked the other two.
    const { items } = await listInteractions(db(), qa, { from: "2026-03-10", to: "2026-03-10", limit: 100 });
    expect(items.map((item) => seeded.find((row) => row.id === item.id)?.key).sort()).toEqual(["ada-call-refund", "ada-chat-late"]);
    // 8 March is the day clocks go forward: local midnight is still EST, 05:00Z.
    expect(await keysFor(qa, { from: "2026-03-08", to: "2026-03-08" })).toEqual(["cy-call-engineers"]);
    expect(await keysFor(qa, { to: "2026-03-07" })).toEqual(["cy-call-before-dst"]);
    expect(await keysFor(qa, { from: "2026-03-11" })).toEqual(["ben-chat-night", "cy-chat-engine"]);
  });

  it("narrows by length in minutes, both ends inclusive", async () => {
    expect(await keysFor(qa, { minMinutes: 5 })).toEqual(keysWhere((row) => row.durationMs >= 5 * 60_000));
    expect(await keysFor(qa, { maxMinutes: 5 })).toEqual(keysWhere((row) => row.durationMs <= 5 * 60_000));
    expect(await keysFor(qa, { minMinutes: 0.5, maxMinutes: 4 })).toEqual(["ada-call-refund", "cy-call-before-dst", "cy-chat-engine"]);
  });

  it("matches any of the tags", async () => {
    expect(await keysFor(qa, { tags: ["vip"] })).toEqual(["ada-call-refund", "cy-call-engineers"]);
    expect(await keysFor(qa, { tags: ["autopay", "upgrade", "no-such-tag"] })).toEqual(["ada-chat-late", "cy-chat-engine"]);
    expect(await keysFor(qa, { tags: ["VIP"] })).toEqual([]);
  });

  it("narrows by queue and by status", async () => {
    expect(await keysFor(qa, { queue: "tech-support" })).toEqual(keysWhere((row) => row.queue === "tech-support"));
    expect(await keysFor(qa, { status: "failed" })).toEqual(["ben-call-evening"]);
    expect(await keysFor(qa, { status: "processing" })).toEqual(["cy-call-before-dst"]);
  });

  it("finds words in the transcript, stemmed, with phrases and exclusions", async () => {
    // "engineer" also finds "engineers" (and "engineering", same English stem).
    expect(await keysFor(qa, { words: "engineer" })).toEqual(["cy-call-before-dst", "cy-call-engineers", "cy-chat-engine"]);
    expect(await keysFor(qa, { words: '"duplicate charge"' })).toEqual(["ada-call-refund"]);
    expect(await keysFor(qa, { words: '"charge duplicate"' })).toEqual([]);
    expect(await keysFor(qa, { words: "engineer -outage" })).toEqual(["cy-call-before-dst", "cy-chat-engine"]);
    expect(await keysFor(qa, { words: "refund or wifi" })).toEqual(["ada-call-refund", "ben-chat-night"]);
    // Punctuation and operators a person might type are not errors.
    expect(await keysFor(qa, { words: "refund!!! & (" })).toEqual(["ada-call-refund"]);
  });

  it("combines filters with AND", async () => {
    expect(await keysFor(qa, { channel: "call", words: "engineer" })).toEqual(["cy-call-before-dst", "cy-call-engineers"]);
    expect(await keysFor(qa, { channel: "call", words: "engineer", status: "ready", tags: ["vip"], queue: "tech-support", minMinutes: 10 })).toEqual([
      "cy-call-engineers",
    ]);
    expect(await keysFor(qa, { queue: "billing", from: "2026-03-10", to: "2026-03-10", channel: "chat" })).toEqual([]);
  });

  it("tells words that are only stop words apart from searchable ones", async () => {
    expect(await hasSearchableWords(db(), "the and it")).toBe(false);
    expect(await hasSearchableWords(db(), "!!!")).toBe(false);
    expect(await hasSearchableWords(db(), "the engineer")).toBe(true);
  });
});

describe("scoping under filters", () => {
  it("an agent filtering by another agent's id sees nothing", async () => {
    expect(await keysFor(ada, { agentId: ben.id })).toEqual([]);
    expect(await keysFor(ada, { agentId: cy.id, words: "engineer" })).toEqual([]);
    expect(await keysFor(ada, { agentId: ada.id })).toEqual(keysWhere((row) => row.agent === "ada"));
  });

  it("an agent's filters only ever narrow their own interactions", async () => {
    expect(await keysFor(ada, { queue: "billing" })).toEqual(["ada-call-refund", "ada-chat-late"]);
    expect(await keysFor(ada, { tags: ["late-fee", "outage"] })).toEqual([]);
    expect(await keysFor(ada, { teamId: teamNorth.id })).toEqual(["ada-call-refund", "ada-chat-late"]);
  });

  it("a supervisor filtering by another team or its agent sees nothing", async () => {
    expect(await keysFor(northLead, {})).toEqual(keysWhere((row) => row.agent !== "cy"));
    expect(await keysFor(northLead, { teamId: teamSouth.id })).toEqual([]);
    expect(await keysFor(northLead, { agentId: cy.id })).toEqual([]);
    expect(await keysFor(northLead, { words: "engineer" })).toEqual([]);
    expect(await keysFor(northLead, { agentId: ben.id, channel: "chat" })).toEqual(["ben-chat-night"]);
  });
});

describe("paging with filters", () => {
  async function walk(viewer: Viewer, query: Omit<InteractionListQuery, "before" | "limit">, limit: number) {
    const pages: string[][] = [];
    let before: InteractionListQuery["before"];
    for (;;) {
      const page = await listInteractions(db(), viewer, { ...query, before, limit, timeZone: TIME_ZONE });
      pages.push(page.items.map((item) => item.id));
      if (!page.next) return pages;
      before = page.next;
      if (pages.length > 20) throw new Error("paging does not end");
    }
  }

  it("returns each matching row once, newest first, page after page", async () => {
    const filters = { tags: ["vip", "outage", "refund", "autopay"], minMinutes: 0 };
    const expected = seeded
      .filter((row) => row.tags.some((tag) => filters.tags.includes(tag)))
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
      .map((row) => row.id);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    for (const limit of [1, 2, 3]) {
      const pages = await walk(qa, filters, limit);
      expect(pages.flat()).toEqual(expected);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
  });

  it("pages within the words and date filters together", async () => {
    const pages = await walk(qa, { words: "bill or engineer or wifi", from: "2026-03-08" }, 2);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => seeded.find((row) => row.id === id)?.key)).toEqual([
      "cy-chat-engine",
      "ben-chat-night",
      "ben-call-evening",
      "ada-call-refund", // "billed" is "bill" once stemmed
      "ada-chat-late",
      "cy-call-engineers",
    ]);
  });
});

describe("filter options", () => {
  it("offer a QA specialist every team, every agent and every queue", async () => {
    // An agent without a team: their queues count too.
    const loner = await seedUser("agent");
    const { id } = await seedInteraction(loner.id, { queue: "aa-no-team", startedAt: new Date("2020-01-01T00:00:00Z") });
    const options = await listInteractionFilterOptions(db(), qa);
    await db().deleteFrom("interactions").where("id", "=", id).execute();
    expect(options.teams.map((team) => team.id)).toEqual(expect.arrayContaining([teamNorth.id, teamSouth.id]));
    expect(options.agents.map((agent) => agent.id)).toEqual(expect.arrayContaining([ada.id, ben.id, cy.id]));
    expect(options.agents.map((agent) => agent.id)).not.toContain(qa.id);
    expect(options.queues).toEqual(["aa-no-team", "billing", "sales", "tech-support"]);
    expect(options.agents.map((agent) => agent.id)).toContain(loner.id);
  });

  it("offer a supervisor only their teams, those teams' agents and queues", async () => {
    const options = await listInteractionFilterOptions(db(), northLead);
    expect(options.teams).toEqual([{ id: teamNorth.id, name: teamNorth.name }]);
    expect(options.agents.map((agent) => agent.id).sort()).toEqual([ada.id, ben.id].sort());
    expect(options.queues).toEqual(["billing"]);
  });

  it("offer an agent no team or agent choice, and only their own queues", async () => {
    expect(await listInteractionFilterOptions(db(), cy)).toEqual({ teams: [], agents: [], queues: ["sales", "tech-support"] });
  });
});

interface PlanNode {
  "Node Type"?: string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plan?: PlanNode;
  Plans?: PlanNode[];
}

/** The indexes a plan reads interactions through, or "seq scan" when it reads the table. */
function scansOf(plan: unknown): string[] {
  const found: string[] = [];
  const visit = (node: PlanNode) => {
    if (node["Node Type"] === "Seq Scan" && node["Relation Name"] === "interactions") found.push("seq scan");
    if (node["Node Type"]?.includes("Index") && node["Index Name"]?.startsWith("interactions_")) found.push(node["Index Name"]);
    if (node.Plan) visit(node.Plan);
    node.Plans?.forEach(visit);
  };
  (Array.isArray(plan) ? (plan as PlanNode[]) : []).forEach(visit);
  return found;
}

describe("indexes", () => {
  /**
   * With sequential and plain index scans switched off, the planner can only reach
   * the rows through a bitmap scan, and it can only build one from a predicate an
   * index supports. A filter written so no index applies (a function around the
   * column, `= any(tags)`, `to_tsvector(transcript_text)`) falls back to the
   * disabled sequential scan, which the plan shows.
   */
  async function bitmapIndexes(query: InteractionListQuery): Promise<string[]> {
    const compiled = interactionListQuery(db(), qa, query).compile();
    return db()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
        await sql`set local enable_indexonlyscan = off`.execute(trx);
        const result = await trx.executeQuery<{ "QUERY PLAN": unknown }>(
          CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
        );
        return scansOf(result.rows[0]?.["QUERY PLAN"]);
      });
  }

  it("lists the queues in scope by probing interactions_team_queue_idx, not by reading rows", async () => {
    for (const viewer of [qa, northLead]) {
      const compiled = queuesInScopeQuery(viewer)?.compile(db());
      if (!compiled) throw new Error("expected a loose index scan");
      const scans = await db()
        .transaction()
        .execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const result = await trx.executeQuery<{ "QUERY PLAN": unknown }>(
            CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
          );
          return scansOf(result.rows[0]?.["QUERY PLAN"]);
        });
      expect(scans).not.toContain("seq scan");
      expect(scans, JSON.stringify(scans)).toContain("interactions_team_queue_idx");
    }
    expect(queuesInScopeQuery(ada)).toBeNull();
  });

  it.each<[string, Omit<InteractionListQuery, "limit">, RegExp]>([
    ["tags", { tags: ["vip", "refund"] }, /^interactions_tags_idx$/],
    ["words", { words: "engineer -outage" }, /^interactions_search_idx$/],
    // Either index that leads with team_id answers it.
    ["team", { teamId: "00000000-0000-4000-8000-000000000001" }, /^interactions_team_(started|queue)_idx$/],
    ["agent", { agentId: "00000000-0000-4000-8000-000000000001" }, /^interactions_agent_started_idx$/],
    ["dates", { from: "2026-03-01", to: "2026-03-31", timeZone: TIME_ZONE }, /^interactions_started_idx$/],
  ])("the %s filter can be answered by its index", async (_name, filters, index) => {
    const scans = await bitmapIndexes({ ...filters, limit: 25 });
    expect(scans).not.toContain("seq scan");
    expect(scans.some((scan) => index.test(scan)), JSON.stringify(scans)).toBe(true);
  });

  it("keeps ten times the default statistics on search_vector, so rare words pick the GIN index", async () => {
    const { rows } = await sql<{ attstattarget: number }>`
      select attstattarget from pg_attribute where attrelid = 'interactions'::regclass and attname = 'search_vector'`.execute(db());
    expect(rows[0]?.attstattarget).toBe(1000);
  });
});

describe("days whose midnight the clocks repeat", () => {
  it("start at the first midnight, as every day in Parley does (decision 0017)", async () => {
    // Havana goes back from 01:00 CDT to 00:00 CST on 1 Nov 2026: midnight is 04:00Z, then again 05:00Z.
    const agent = await seedUser("agent", [teamSouth.id]);
    const startedAt = { lastOfOctober: new Date("2026-11-01T03:30:00Z"), firstHourOfNovember: new Date("2026-11-01T04:30:00Z") };
    const ids = new Map<string, string>();
    for (const [key, at] of Object.entries(startedAt)) ids.set((await seedInteraction(agent.id, { startedAt: at })).id, key);
    const keys = async (filters: InteractionFilters) =>
      (await listInteractions(db(), qa, { ...filters, agentId: agent.id, limit: 100, timeZone: "America/Havana" })).items.map((item) => ids.get(item.id));
    try {
      expect(await keys({ from: "2026-11-01", to: "2026-11-01" })).toEqual(["firstHourOfNovember"]);
      expect(await keys({ to: "2026-10-31" })).toEqual(["lastOfOctober"]);
    } finally {
      await db().deleteFrom("interactions").where("agent_id", "=", agent.id).execute();
    }
  });
});
