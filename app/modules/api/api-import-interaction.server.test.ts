/**
 * POST /api/v1/interactions through the route module, against real PostgreSQL and a real
 * s3rver: validation messages name the field path, a repeated (source, externalId) is a 200
 * duplicate, base64 transcripts keep their bytes, and a refused import leaves nothing behind.
 */
import { describe, expect, it } from "vitest";
import { countRows, listObjectKeys } from "../../../test/factories";
import { blobStore } from "../../lib/storage.server";
import { loader as getInteraction } from "../../routes/api.v1.interactions.$id";
import { action as importInteraction } from "../../routes/api.v1.interactions";
import { loader as uploadsLoader } from "../../routes/api.v1.uploads";
import type { InteractionDetailJson } from "./api.schema";
import { callRoute, chatJson, chatRequest, externalId, importer } from "./test-support";

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

  it("leaves no objects behind for refused imports", async () => {
    const { lead } = await importer();
    const before = await listObjectKeys();
    await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest("ghost@example.test") });
    expect(await listObjectKeys()).toEqual(before);
    expect(blobStore().bucket).toBeTruthy();
  });
});
