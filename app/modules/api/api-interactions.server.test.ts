/**
 * /api/v1 imports and reads through the route modules, against real PostgreSQL and a
 * real s3rver: validation messages name the field path, a repeated (source,
 * externalId) is a 200 duplicate, a recording goes client → presigned PUT → import,
 * a batch imports each item on its own, and reads are scoped to the token's user.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countRows, listObjectKeys, seedInteraction, seedTeam, testWav } from "../../../test/factories";
import { blobStore } from "../../lib/storage.server";
import { fixture } from "../recordings/test-support";
import { action as importBatch } from "../../routes/api.v1.interactions.batch";
import { loader as getInteraction } from "../../routes/api.v1.interactions.$id";
import { action as importInteraction, loader as listInteractions } from "../../routes/api.v1.interactions";
import { action as startUpload, loader as uploadsLoader } from "../../routes/api.v1.uploads";
import type { BatchResult, InteractionDetailJson, InteractionSummaryJson, UploadPlanJson } from "./api.schema";
import { apiUser, callRoute, callVtt, chatJson, silentWav, type ApiAnswer } from "./test-support";

const externalId = () => `ext-${randomBytes(4).toString("hex")}`;

async function importer() {
  const team = await seedTeam();
  const agent = await apiUser("agent", [team.id]);
  const lead = await apiUser("qa_lead");
  return { team, agent, lead };
}

const chatRequest = (agentEmail: string, overrides: Record<string, unknown> = {}) => ({
  externalId: externalId(),
  agent: agentEmail,
  startedAt: "2026-03-02T10:00:00Z",
  source: "api-test",
  transcript: { fileName: "chat.json", content: chatJson() },
  ...overrides,
});

describe("POST /api/v1/interactions", () => {
  it("creates a chat (201, Location) and answers a repeat with 200 duplicate", async () => {
    const { agent, lead } = await importer();
    const body = chatRequest(agent.email, { tags: ["billing"], queue: "Billing" });
    const before = await countRows("interactions");
    const first = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ id: expect.any(String) as string, status: "created", warnings: [] });
    expect(first.headers.get("Location")).toBe(`/api/v1/interactions/${first.json.id as string}`);

    const again = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: first.json.id, status: "duplicate" });
    expect(await countRows("interactions")).toBe(before + 1);
  });

  it("answers 422 with a message per field path", async () => {
    const { lead } = await importer();
    const res = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: {
        externalId: "x-1",
        agent: "someone@example.test",
        startedAt: "yesterday",
        tags: ["ok", ""],
        transcript: { content: "" },
        recording: { uploadId: "nope" },
        colour: "blue",
      },
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.code).toBe("invalid");
    expect(res.json.error?.fields).toEqual({
      startedAt: "startedAt must be an ISO 8601 time with a zone, e.g. 2026-03-01T09:30:00Z",
      "tags.1": expect.stringMatching(/at least 1|>=1/) as string,
      "transcript.content": "the transcript is empty",
      "recording.uploadId": "recording.uploadId must be the id returned when the upload was started",
      colour: "is not a known field",
    });
    expect(res.json.error?.message).toMatch(/^The request has 5 invalid fields: /);
  });

  it("names missing required fields", async () => {
    const { lead } = await importer();
    const res = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body: {} });
    expect(res.status).toBe(422);
    expect(res.json.error?.fields).toMatchObject({
      externalId: "externalId is required: the interaction's id in the source system",
      agent: "agent is required: the agent's email or user id",
      transcript: "is required",
    });
  });

  it("reports use-case refusals with the field they concern", async () => {
    const { agent, lead } = await importer();
    const before = await countRows("interactions");
    const unknownAgent = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: chatRequest("nobody@example.test"),
    });
    expect(unknownAgent.status).toBe(422);
    expect(unknownAgent.json.error).toEqual({
      code: "invalid",
      message: 'No agent account matches "nobody@example.test". Use the agent\'s email as it is in Parley.',
      fields: { agent: "Unknown agent" },
    });

    const badTranscript = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: chatRequest(agent.email, { transcript: { fileName: "call.vtt", content: "WEBVTT\n\n00:05.000 --> 00:01.000\n<v Dana>Hi" } }),
    });
    expect(badTranscript.status).toBe(422);
    expect(badTranscript.json.error?.message).toMatch(/^WebVTT line 3: /);
    expect(badTranscript.json.error?.fields).toEqual({ "transcript.content": badTranscript.json.error?.message });
    expect(await countRows("interactions")).toBe(before);
  });

  it("answers 400 for malformed JSON, 415 for a form post and 413 for a body over the limit", async () => {
    const { lead } = await importer();
    const malformed = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, rawBody: '{"externalId": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/^The request body is not valid JSON: /) as string });

    const form = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      rawBody: "externalId=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.error?.code).toBe("unsupported_media_type");

    const huge = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      rawBody: "{}",
      headers: { "Content-Length": String(200 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error).toEqual({ code: "payload_too_large", message: "The request body is larger than the 51 MiB limit." });
  });

  it("converts no value from another type: what the OpenAPI document refuses, the API refuses", async () => {
    const { agent, lead } = await importer();
    const res = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: chatRequest(agent.email, { tags: "invoice", durationMs: "100", queue: "", transcript: { content: chatJson(), encodin: "utf-8" } }),
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.fields).toEqual({
      tags: 'tags must be an array of strings, e.g. ["billing"]',
      durationMs: "durationMs must be a whole number of milliseconds, e.g. 93000",
      queue: expect.stringMatching(/>=1 characters/) as string,
      "transcript.encodin": "is not a known field",
    });
  });

  it("takes a transcript's bytes as base64 with their encoding, and keeps them as they were sent", async () => {
    const { agent, lead } = await importer();
    const csv = "time,speaker,text\n2026-03-02T10:00:00Z,customer,Grüße aus Köln\n2026-03-02T10:00:40Z,agent,Guten Tag!\n";
    const utf16 = Buffer.from(csv, "utf16le");
    const body = (transcript: Record<string, unknown>) => chatRequest(agent.email, { transcript: { fileName: "chat.csv", ...transcript } });

    const sent = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: body({ contentBase64: utf16.toString("base64"), encoding: "utf-16le" }),
    });
    expect(sent.status).toBe(201);
    expect(sent.json.warnings).toEqual([]);
    const id = sent.json.id as string;
    const detail = await callRoute<InteractionDetailJson>(getInteraction, "GET", `/api/v1/interactions/${id}`, { token: lead.token, params: { id } });
    expect(detail.json.transcript).toMatchObject({ channel: "chat", segments: [{ text: "Grüße aus Köln" }, { text: "Guten Tag!" }] });
    expect(await blobStore().get(`interactions/${id}/source/chat.csv`)).toEqual(utf16);

    // Without the encoding, UTF-16 is recognised by itself, and the answer says how it was read.
    const guessed = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: { ...body({ contentBase64: utf16.toString("base64") }), externalId: externalId() },
    });
    expect(guessed.status).toBe(201);
    expect(guessed.json.warnings).toEqual(["The file has no byte-order mark; it was read as UTF-16LE."]);

    // The same file through `jq --rawfile` (read as UTF-8): refused, saying UTF-16 and what to do.
    const garbled = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: { ...body({ content: utf16.toString("utf8") }), externalId: externalId() },
    });
    expect(garbled.status).toBe(422);
    expect(garbled.json.error?.message).toMatch(/^chat\.csv is UTF-16 text that was read as UTF-8 .*transcript\.contentBase64/);

    const wrong = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: { ...body({ contentBase64: "not base64!", content: "x", encoding: "utf-16le" }), externalId: externalId() },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error?.fields).toEqual({
      "transcript.contentBase64": "contentBase64 must be the file's bytes in standard base64 (RFC 4648, with = padding)",
    });
    const neither = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: { ...body({ encoding: "utf-8" }), externalId: externalId() },
    });
    expect(neither.json.error?.fields).toEqual({
      "transcript.content": "give the file's text as content, or its bytes as contentBase64",
      "transcript.encoding": "encoding describes contentBase64; text content is already decoded",
    });
  });

  it("answers 405 in JSON for a method the endpoint does not have", async () => {
    const { lead } = await importer();
    const res = await callRoute(importInteraction, "DELETE", "/api/v1/interactions", { token: lead.token });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET, POST");
    const get = await callRoute(uploadsLoader, "GET", "/api/v1/uploads", { token: lead.token });
    expect(get.status).toBe(405);
    expect(get.json.error?.code).toBe("method_not_allowed");
  });
});

describe("recording upload through the API", () => {
  it("refuses a contentType with a line break (422 naming the field), echoes nothing and records no upload", async () => {
    const { lead } = await importer();
    const intents = await countRows("storage_intents");
    for (const contentType of ["audio/wav\r\nX-Injected: 1", "audio/wav\nX-Injected: 1", "audio/wav; a=b\rc"]) {
      const refused = await callRoute(startUpload, "POST", "/api/v1/uploads", { token: lead.token, body: { fileName: "call.wav", contentType, size: 1000 } });
      expect(refused.status, JSON.stringify(contentType)).toBe(422);
      expect(refused.json.error?.code).toBe("invalid");
      expect(refused.json.error?.fields).toEqual({ contentType: expect.stringMatching(/one media type on one line/) as unknown });
      expect(JSON.stringify(refused.json)).not.toContain("X-Injected");
    }
    expect(await countRows("storage_intents")).toBe(intents);
  });

  it("starts an upload, PUTs the file to the presigned URL, imports the call with it and serves it back", async () => {
    const { agent, lead } = await importer();
    const wav = testWav({ seconds: 1 });
    const started = await callRoute<UploadPlanJson>(startUpload, "POST", "/api/v1/uploads", {
      token: lead.token,
      body: { fileName: "call-17.wav", contentType: "audio/wav", size: wav.length },
    });
    expect(started.status).toBe(201);
    expect(started.json.multipart).toBeUndefined();
    expect(started.json.expiresIn).toBe(6 * 3600);
    const single = started.json.single;
    if (!single) throw new Error("expected a single PUT");

    const put = await fetch(single.url, { method: single.method, headers: single.headers, body: new Uint8Array(wav) });
    expect(put.status).toBe(200);

    const imported = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: {
        externalId: externalId(),
        agent: agent.id,
        startedAt: "2026-03-02T10:00:00+01:00",
        direction: "inbound",
        transcript: { fileName: "call-17.vtt", content: callVtt() },
        recording: { uploadId: started.json.uploadId },
      },
    });
    expect(imported.status).toBe(201);
    expect(imported.json.id).toBe(started.json.uploadId);

    const detail = await callRoute<InteractionDetailJson>(getInteraction, "GET", `/api/v1/interactions/${started.json.uploadId}`, {
      token: agent.token,
      params: { id: started.json.uploadId },
    });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      id: started.json.uploadId,
      channel: "call",
      direction: "inbound",
      status: "processing",
      agent: { id: agent.id, email: agent.email },
      recording: { contentType: "audio/wav", size: wav.length, channels: 2, expiresIn: 3600 },
    });
    expect(detail.json.transcript).toMatchObject({ channel: "call", segments: [{ text: "Thanks for calling." }, { text: "Hi." }] });
    const audio = await fetch(detail.json.recording?.url ?? "", { headers: { Range: "bytes=0-3" } });
    expect(audio.status).toBe(206);
    expect(Buffer.from(await audio.arrayBuffer()).toString("latin1")).toBe("RIFF");
  });

  // WAV by its data chunk; MP3 by its LAME Info frame, Ogg by its last page (one more ranged read): all 2 s long.
  it.each([
    ["short.wav", "audio/wav", () => testWav({ seconds: 2 })],
    ["stereo-8k.mp3", "audio/mpeg", () => fixture("stereo-8k.mp3")],
    ["mono-16k.opus", "audio/ogg", () => fixture("mono-16k.opus")],
    ["mono-16k.ogg", "audio/ogg", () => fixture("mono-16k.ogg")],
  ])("warns at import when the transcript runs past the recording, %s, without decoding it", async (fileName, contentType, bytes) => {
    const { agent, lead } = await importer();
    const audio = bytes();
    const started = await callRoute<UploadPlanJson>(startUpload, "POST", "/api/v1/uploads", {
      token: lead.token,
      body: { fileName, contentType, size: audio.length },
    });
    const single = started.json.single;
    if (!single) throw new Error("expected a single PUT");
    await fetch(single.url, { method: single.method, headers: single.headers, body: new Uint8Array(audio) });
    const fiveMinutes = ["WEBVTT", "", "00:00.000 --> 00:01.500", "<v Agent>Thanks for calling.", "", "04:55.000 --> 05:00.000", "<v Customer>Bye."].join("\n");
    const imported = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: {
        externalId: externalId(),
        agent: agent.email,
        startedAt: "2026-03-02T10:00:00Z",
        transcript: { fileName: "long.vtt", content: fiveMinutes },
        recording: { uploadId: started.json.uploadId },
      },
    });
    expect(imported.status).toBe(201);
    expect(imported.json.warnings).toEqual([
      "The transcript runs to 5:00, past the end of the recording (0:02): turns after 0:02 cannot be played. Check that the transcript belongs to this recording.",
    ]);
  });

  it("completes a multipart upload from the parts' ETags", async () => {
    const { agent, lead } = await importer();
    // Over the 32 MiB threshold: three parts of 16 MiB, 16 MiB and the rest.
    const wav = silentWav(35 * 1024 * 1024);
    const started = await callRoute<UploadPlanJson>(startUpload, "POST", "/api/v1/uploads", {
      token: lead.token,
      body: { fileName: "long.wav", contentType: "audio/wav", size: wav.length },
    });
    expect(started.status).toBe(201);
    const multipart = started.json.multipart;
    if (!multipart) throw new Error("expected a multipart upload");
    expect(multipart.parts.length).toBe(Math.ceil(wav.length / multipart.partSize));
    const parts = [];
    for (const part of multipart.parts) {
      const start = (part.partNumber - 1) * multipart.partSize;
      const res = await fetch(part.url, { method: "PUT", body: new Uint8Array(wav.subarray(start, start + multipart.partSize)) });
      expect(res.status).toBe(200);
      parts.push({ partNumber: part.partNumber, etag: res.headers.get("ETag") ?? "" });
    }
    const body = {
      externalId: externalId(),
      agent: agent.email,
      startedAt: "2026-03-02T10:00:00Z",
      transcript: { fileName: "long.vtt", content: callVtt() },
      recording: { uploadId: started.json.uploadId, parts },
    };
    const done = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body });
    expect(done.status).toBe(201);
    const stored = await blobStore().head(`interactions/${started.json.uploadId}/recording.wav`);
    expect(stored?.size).toBe(wav.length);

    // Without the parts the upload cannot be completed; the import says what is missing.
    const another = await callRoute<UploadPlanJson>(startUpload, "POST", "/api/v1/uploads", {
      token: lead.token,
      body: { fileName: "long.wav", contentType: "audio/wav", size: wav.length },
    });
    const withoutParts = await callRoute(importInteraction, "POST", "/api/v1/interactions", {
      token: lead.token,
      body: { ...body, externalId: externalId(), recording: { uploadId: another.json.uploadId } },
    });
    expect(withoutParts.status).toBe(422);
    expect(withoutParts.json.error?.message).toMatch(/parts are missing/);
  }, 60_000);
});

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

  it("leaves no objects behind for refused imports", async () => {
    const { lead } = await importer();
    const before = await listObjectKeys();
    await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest("ghost@example.test") });
    expect(await listObjectKeys()).toEqual(before);
    expect(blobStore().bucket).toBeTruthy();
  });
});
