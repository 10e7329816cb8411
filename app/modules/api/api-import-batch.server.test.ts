/**
 * POST /api/v1/interactions/batch through the route module, against real PostgreSQL: each
 * item is imported on its own and reported in order; the first of two items with one
 * external id wins.
 */
import { describe, expect, it } from "vitest";
import { countRows, listObjectKeys } from "../../../test/factories";
import { action as importBatch } from "../../routes/api.v1.interactions.batch";
import { loader as getInteraction } from "../../routes/api.v1.interactions.$id";
import { action as importInteraction } from "../../routes/api.v1.interactions";
import type { BatchResult, InteractionDetailJson } from "./api.schema";
import { callRoute, chatRequest, externalId, importer } from "./test-support";

describe("POST /api/v1/interactions/batch", () => {
  it("imports each item on its own and reports created, duplicate and failed items in order", async () => {
    const { agent, lead } = await importer();
    const existing = chatRequest(agent.email);
    await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body: existing });
    const good = [chatRequest(agent.email), chatRequest(agent.email)];
    const before = await countRows("interactions");
    const res = await callRoute<BatchResult>(importBatch, "POST", "/api/v1/interactions/batch", {
      token: lead.token,
      body: {
        interactions: [
          good[0],
          { ...chatRequest(agent.email), startedAt: "not a time" },
          existing,
          chatRequest("ghost@example.test"),
          "not an object",
          good[1],
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 2, duplicates: 1, failed: 3 });
    expect(res.json.results.map((result) => [result.index, result.status])).toEqual([
      [0, "created"],
      [1, "failed"],
      [2, "duplicate"],
      [3, "failed"],
      [4, "failed"],
      [5, "created"],
    ]);
    expect(res.json.results[0]).toMatchObject({ externalId: good[0]?.externalId, id: expect.any(String) as string });
    expect(res.json.results[1]?.error).toMatchObject({ code: "invalid", fields: { startedAt: expect.stringMatching(/ISO 8601/) as string } });
    expect(res.json.results[1]?.error?.message).toMatch(/^The interaction at index 1 has an invalid field: startedAt: /);
    expect(res.json.results[3]?.error).toEqual({
      code: "invalid",
      message: 'No agent account matches "ghost@example.test". Use the agent\'s email as it is in Parley.',
      fields: { agent: "Unknown agent" },
    });
    expect(res.json.results[4]).toMatchObject({ externalId: null, error: { fields: { body: expect.any(String) as string } } });
    expect(await countRows("interactions")).toBe(before + 2);
    expect(await countRows("storage_intents")).toBe(0);
  });

  it("reports the same external id twice in one batch as one created and one duplicate", async () => {
    const { agent, lead } = await importer();
    const item = chatRequest(agent.email);
    const objects = (await listObjectKeys()).length;
    const res = await callRoute<BatchResult>(importBatch, "POST", "/api/v1/interactions/batch", {
      token: lead.token,
      body: { interactions: [item, item, item] },
    });
    expect(res.json).toMatchObject({ created: 1, duplicates: 2, failed: 0 });
    expect(new Set(res.json.results.map((result) => result.id)).size).toBe(1);
    expect(await listObjectKeys()).toHaveLength(objects + 2); // transcript.json and the source file, once
  });

  it("stores the first of two items with the same external id and reports the second as its duplicate, every time", async () => {
    const { agent, lead } = await importer();
    // The first item is the slower one to import, so a race would let the second win.
    const longChat = JSON.stringify({
      messages: Array.from({ length: 20_000 }, (_, i) => ({
        created_at: new Date(Date.parse("2026-03-02T10:00:00Z") + i * 1000).toISOString(),
        role: i % 2 ? "agent" : "customer",
        author: i % 2 ? "Lena" : "Tom",
        text: `Message ${i}`,
      })),
    });
    for (let run = 0; run < 2; run++) {
      const shared = externalId();
      const first = chatRequest(agent.email, { externalId: shared, queue: "First", transcript: { fileName: "long.json", content: longChat } });
      const second = chatRequest(agent.email, { externalId: shared, queue: "Second" });
      const res = await callRoute<BatchResult>(importBatch, "POST", "/api/v1/interactions/batch", {
        token: lead.token,
        body: { interactions: [first, second] },
      });
      expect(res.json.results.map((result) => [result.index, result.status])).toEqual([
        [0, "created"],
        [1, "duplicate"],
      ]);
      expect(res.json.results[1]?.id).toBe(res.json.results[0]?.id);
      const id = res.json.results[0]?.id ?? "";
      const stored = await callRoute<InteractionDetailJson>(getInteraction, "GET", `/api/v1/interactions/${id}`, { token: lead.token, params: { id } });
      expect(stored.json.queue).toBe("First");
    }
  }, 60_000);

  it("refuses an envelope that is not a list of at most 500 interactions", async () => {
    const { lead } = await importer();
    const empty = await callRoute(importBatch, "POST", "/api/v1/interactions/batch", { token: lead.token, body: { interactions: [] } });
    expect(empty.status).toBe(422);
    expect(empty.json.error?.fields).toEqual({ interactions: "send at least one interaction" });
    const tooMany = await callRoute(importBatch, "POST", "/api/v1/interactions/batch", {
      token: lead.token,
      body: { interactions: Array.from({ length: 501 }, () => ({})) },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.error?.fields).toEqual({ interactions: "send at most 500 interactions per call" });
  });
});
