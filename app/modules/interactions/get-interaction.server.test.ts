import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { blobStore } from "../../lib/storage.server";
import { callTranscript, chatTranscript, seedInteraction, seedTeam, seedUser, testWav } from "../../../test/factories";
import { getInteraction } from "./get-interaction.server";

describe("getInteraction", () => {
  it("loads a call with its transcript, metrics, summary and a playable recording URL", async () => {
    const team = await seedTeam();
    const agent = await seedUser("agent", [team.id]);
    const qa = await seedUser("qa");
    const audio = testWav();
    const startedAt = new Date("2026-02-10T14:30:00.000Z");
    const { id } = await seedInteraction(agent.id, {
      startedAt,
      direction: "inbound",
      queue: "Billing",
      tags: ["refund", "vip"],
      customerName: "Jo Bloggs",
      metadata: { summary: "Refund for a duplicate charge." },
      recording: { body: audio },
    });

    const detail = await getInteraction(db(), blobStore(), qa, id);
    expect(detail).toMatchObject({
      id,
      channel: "call",
      source: "test",
      startedAt,
      durationMs: 9000,
      direction: "inbound",
      queue: "Billing",
      tags: ["refund", "vip"],
      customerName: "Jo Bloggs",
      agentName: agent.name,
      teamName: team.name,
      status: "processing",
      summary: "Refund for a duplicate charge.",
      metrics: { agentTalkMs: 5200, customerTalkMs: 2500, overtalkMs: 200, longestSilenceMs: 1000 },
      transcript: callTranscript(),
    });
    expect(detail?.metrics.silenceRatio).toBeCloseTo(0.167, 3);
    expect(detail?.recording).toMatchObject({ contentType: "audio/wav", channels: 2 });

    // The browser seeks with HTTP Range straight against storage.
    const response = await fetch(detail?.recording?.url as string, { headers: { Range: "bytes=0-3" } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).toString("latin1")).toBe("RIFF");
  });

  it("loads a chat with its messages and no recording or talk metrics", async () => {
    const agent = await seedUser("agent");
    const transcript = chatTranscript("Dana");
    const { id } = await seedInteraction(agent.id, { transcript });
    const detail = await getInteraction(db(), blobStore(), agent, id);
    expect(detail).toMatchObject({ channel: "chat", recording: null, teamName: null, summary: null, transcript });
    expect(detail?.metrics).toEqual({
      agentTalkMs: null,
      customerTalkMs: null,
      silenceRatio: null,
      longestSilenceMs: null,
      overtalkMs: null,
    });
  });

  it("answers null for an id that does not exist", async () => {
    const qa = await seedUser("qa");
    expect(await getInteraction(db(), blobStore(), qa, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
