/**
 * GET /api/v1/interactions and /:id through the route modules, against real PostgreSQL:
 * scoped to the token's user (others' interactions are 404), filtered and paged with a cursor.
 */
import { describe, expect, it } from "vitest";
import { seedInteraction, seedTeam } from "../../../test/factories";
import { loader as getInteraction } from "../../routes/api.v1.interactions.$id";
import { loader as listInteractions } from "../../routes/api.v1.interactions";
import type { InteractionSummaryJson } from "./api.schema";
import { apiUser, callRoute, importer, type ApiAnswer } from "./test-support";

describe("GET /api/v1/interactions and /:id", () => {
  it("scopes the list and the detail to the token's user; others' interactions are 404", async () => {
    const team = await seedTeam();
    const otherTeam = await seedTeam();
    const agent = await apiUser("agent", [team.id]);
    const colleague = await apiUser("agent", [team.id]);
    const stranger = await apiUser("agent", [otherTeam.id]);
    const supervisor = await apiUser("supervisor", [team.id]);
    const qa = await apiUser("qa");
    const own = await seedInteraction(agent.id);
    const colleagues = await seedInteraction(colleague.id);
    const strangers = await seedInteraction(stranger.id);

    const ids = async (token: string) =>
      (await callRoute<{ items: InteractionSummaryJson[] }>(listInteractions, "GET", "/api/v1/interactions", { token })).json.items
        .map((item) => item.id)
        .sort();
    expect(await ids(agent.token)).toEqual([own.id]);
    expect(await ids(supervisor.token)).toEqual([own.id, colleagues.id].sort());
    expect(await ids(qa.token)).toEqual(expect.arrayContaining([own.id, colleagues.id, strangers.id]));

    const detail = (token: string, id: string) => callRoute(getInteraction, "GET", `/api/v1/interactions/${id}`, { token, params: { id } });
    expect((await detail(agent.token, own.id)).status).toBe(200);
    const hidden = await detail(agent.token, colleagues.id);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error).toEqual({ code: "not_found", message: "There is no interaction with this id that this token may see." });
    expect((await detail(supervisor.token, strangers.id)).status).toBe(404);
    expect((await detail(qa.token, strangers.id)).status).toBe(200);
    expect((await detail(agent.token, "not-a-uuid")).status).toBe(404);
  });

  it("filters by channel, agent and time window, and pages with a cursor", async () => {
    const { agent, lead } = await importer();
    const other = await apiUser("agent");
    // A year no other test uses, so the time window sees only these.
    const start = Date.parse("2031-01-01T00:00:00Z");
    for (let i = 0; i < 5; i++) {
      await seedInteraction(agent.id, { startedAt: new Date(start + i * 3600_000) });
    }
    await seedInteraction(other.id, { startedAt: new Date(start + 1800_000) });
    const list = (query: string) =>
      callRoute<{ items: InteractionSummaryJson[]; nextCursor: string | null } & ApiAnswer>(listInteractions, "GET", `/api/v1/interactions?${query}`, {
        token: lead.token,
      });

    const page1 = await list(`agent=${encodeURIComponent(agent.email.toUpperCase())}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.json.items.map((item) => item.startedAt)).toEqual(["2031-01-01T04:00:00.000Z", "2031-01-01T03:00:00.000Z"]);
    expect(page1.json.items[0]).toMatchObject({ channel: "call", agent: { id: agent.id, email: agent.email }, source: "test" });
    const page2 = await list(`agent=${agent.id}&limit=2&cursor=${page1.json.nextCursor ?? ""}`);
    expect(page2.json.items.map((item) => item.startedAt)).toEqual(["2031-01-01T02:00:00.000Z", "2031-01-01T01:00:00.000Z"]);
    const page3 = await list(`agent=${agent.id}&limit=2&cursor=${page2.json.nextCursor ?? ""}`);
    expect(page3.json.items).toHaveLength(1);
    expect(page3.json.nextCursor).toBeNull();

    const window = await list("from=2031-01-01T00:30:00Z&to=2031-01-01T02:00:00Z");
    expect(window.json.items.map((item) => item.startedAt)).toEqual(["2031-01-01T01:00:00.000Z", "2031-01-01T00:30:00.000Z"]);
    expect((await list(`channel=chat&agent=${agent.id}`)).json.items).toEqual([]);
    expect((await list("agent=nobody@example.test")).json.items).toEqual([]);

    const bad = await list("channel=fax&limit=0&cursor=abc&sort=asc");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error?.fields ?? {}).sort()).toEqual(["channel", "limit", "sort"]);
    const badCursor = await list("cursor=abc");
    expect(badCursor.status).toBe(422);
    expect(badCursor.json.error?.fields).toEqual({ cursor: "Unknown cursor" });
  });
});
