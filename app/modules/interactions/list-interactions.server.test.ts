import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { chatTranscript, seedInteraction, seedTeam, seedUser } from "../../../test/factories";
import type { Viewer } from "../users/roles";
import { listInteractions, type InteractionListQuery } from "./list-interactions.server";

let qa: Viewer;
let agent: Viewer & { teamName: string };
const seeded: { id: string; startedAt: Date; channel: "call" | "chat" }[] = [];

beforeAll(async () => {
  const team = await seedTeam();
  const user = await seedUser("agent", [team.id]);
  agent = { ...user, teamName: team.name };
  qa = await seedUser("qa");
  const base = Date.parse("2026-03-02T10:00:00.000Z");
  // Eleven interactions; several share a start time, so paging must break ties by id.
  const offsetsMinutes = [0, 0, 0, 5, 10, 10, 20, 30, 30, 30, 45];
  for (const [index, minutes] of offsetsMinutes.entries()) {
    const startedAt = new Date(base + minutes * 60_000);
    const channel = index % 3 === 0 ? "chat" : "call";
    const { id } = await seedInteraction(agent.id, {
      startedAt,
      metadata: { summary: `Summary ${index}` },
      ...(channel === "chat" ? { transcript: chatTranscript() } : {}),
    });
    seeded.push({ id, startedAt, channel });
  }
});

/** Newest first, ties by id descending, as the list promises. */
const expectedOrder = (rows = seeded) =>
  [...rows]
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((row) => row.id);

async function walkPages(viewer: Viewer, query: Omit<InteractionListQuery, "before">) {
  const pages: string[][] = [];
  let before: InteractionListQuery["before"];
  for (;;) {
    const page = await listInteractions(db(), viewer, { ...query, before });
    pages.push(page.items.map((item) => item.id));
    if (!page.next) return pages;
    before = page.next;
    if (pages.length > 20) throw new Error("paging does not end");
  }
}

describe("listInteractions", () => {
  it("pages through every interaction exactly once, newest first, across equal start times", async () => {
    const pages = await walkPages(qa, { limit: 3 });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 2]);
    expect(pages.flat()).toEqual(expectedOrder());
  });

  it("reports no next page when the last page is exactly full", async () => {
    const pages = await walkPages(qa, { limit: 11 });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toHaveLength(11);
  });

  it("pages within a channel filter", async () => {
    const pages = await walkPages(qa, { limit: 2, channel: "chat" });
    expect(pages.flat()).toEqual(expectedOrder(seeded.filter((row) => row.channel === "chat")));
  });

  it("shows each row's agent, team, channel and summary", async () => {
    const { items } = await listInteractions(db(), agent, { limit: 1 });
    const newest = seeded.find((row) => row.id === expectedOrder()[0]);
    expect(items[0]).toMatchObject({
      id: newest?.id,
      channel: newest?.channel,
      startedAt: newest?.startedAt,
      agentName: agent.name,
      teamName: agent.teamName,
      status: "ready",
      summary: "Summary 10",
    });
  });
});
