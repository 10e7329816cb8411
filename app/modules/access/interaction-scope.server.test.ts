/**
 * Row-level scoping (DESIGN.md "Who uses it"): every list, load and count of
 * interactions answers only what the viewer may see.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { blobStore } from "../../lib/storage.server";
import { chatTranscript, seedInteraction, seedTeam, seedUser } from "../../../test/factories";
import { getInteraction } from "../interactions/get-interaction.server";
import { countInteractionsSince, listInteractions } from "../interactions/list-interactions.server";
import type { Role, Viewer } from "../users/roles";

let team1: { id: string };
let team2: { id: string };
let agent1: Viewer;
let agent1b: Viewer;
let agent2: Viewer;
let supervisor1: Viewer;
const idsOf: Record<"agent1" | "agent1b" | "agent2", string[]> = { agent1: [], agent1b: [], agent2: [] };
const allIds = () => [...idsOf.agent1, ...idsOf.agent1b, ...idsOf.agent2].sort();
const since = new Date(Date.now() - 24 * 3600 * 1000);

beforeAll(async () => {
  team1 = await seedTeam();
  team2 = await seedTeam();
  agent1 = await seedUser("agent", [team1.id]);
  agent1b = await seedUser("agent", [team1.id]);
  agent2 = await seedUser("agent", [team2.id]);
  supervisor1 = await seedUser("supervisor", [team1.id]);
  for (const [key, agent] of [
    ["agent1", agent1],
    ["agent1b", agent1b],
    ["agent2", agent2],
  ] as const) {
    idsOf[key].push((await seedInteraction(agent.id)).id);
    idsOf[key].push((await seedInteraction(agent.id, { transcript: chatTranscript() })).id);
  }
});

async function visibleIds(viewer: Viewer): Promise<string[]> {
  const { items } = await listInteractions(db(), viewer, { limit: 100 });
  return items.map((item) => item.id).sort();
}

async function loadable(viewer: Viewer): Promise<string[]> {
  const found: string[] = [];
  for (const id of allIds()) {
    if (await getInteraction(db(), blobStore(), viewer, id)) found.push(id);
  }
  return found.sort();
}

describe("an agent", () => {
  it("lists, opens and counts only their own interactions", async () => {
    const own = [...idsOf.agent1].sort();
    expect(await visibleIds(agent1)).toEqual(own);
    expect(await loadable(agent1)).toEqual(own);
    expect(await countInteractionsSince(db(), agent1, since)).toEqual({ total: 2, calls: 1, chats: 1 });
  });

  it("gets nothing (a 404) for a teammate's interaction guessed by id", async () => {
    expect(await getInteraction(db(), blobStore(), agent1, idsOf.agent1b[0] as string)).toBeNull();
    expect(await getInteraction(db(), blobStore(), agent1, idsOf.agent2[0] as string)).toBeNull();
  });
});

describe("a supervisor", () => {
  it("lists, opens and counts the interactions of their team only", async () => {
    const team = [...idsOf.agent1, ...idsOf.agent1b].sort();
    expect(await visibleIds(supervisor1)).toEqual(team);
    expect(await loadable(supervisor1)).toEqual(team);
    expect(await countInteractionsSince(db(), supervisor1, since)).toEqual({ total: 4, calls: 2, chats: 2 });
  });

  it("gets nothing for another team's interaction", async () => {
    expect(await getInteraction(db(), blobStore(), supervisor1, idsOf.agent2[0] as string)).toBeNull();
  });

  it("sees every team they lead", async () => {
    const both = await seedUser("supervisor", [team1.id, team2.id]);
    expect(await visibleIds(both)).toEqual(allIds());
  });

  it("sees nothing while they lead no team", async () => {
    const teamless = await seedUser("supervisor");
    expect(await visibleIds(teamless)).toEqual([]);
    expect(await loadable(teamless)).toEqual([]);
    expect(await countInteractionsSince(db(), teamless, since)).toEqual({ total: 0, calls: 0, chats: 0 });
  });
});

describe.each<Role>(["qa", "qa_lead", "admin"])("a %s", (role) => {
  it("lists, opens and counts every interaction", async () => {
    const viewer = await seedUser(role);
    expect(await visibleIds(viewer)).toEqual(allIds());
    expect(await loadable(viewer)).toEqual(allIds());
    expect(await countInteractionsSince(db(), viewer, since)).toEqual({ total: 6, calls: 3, chats: 3 });
  });
});

describe("counting since a date", () => {
  it("leaves out interactions that started before it", async () => {
    const qa = await seedUser("qa");
    expect(await countInteractionsSince(db(), qa, new Date(Date.now() + 3600 * 1000))).toEqual({ total: 0, calls: 0, chats: 0 });
  });
});
