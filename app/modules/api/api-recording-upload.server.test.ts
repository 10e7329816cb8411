/**
 * A recording through the API, against real PostgreSQL and a real s3rver: client → presigned
 * PUT (or multipart parts) → import → served back; a transcript past the recording's end is
 * said at import, for every format whose bytes tell its length.
 */
import { describe, expect, it } from "vitest";
import { countRows, testWav } from "../../../test/factories";
import { blobStore } from "../../lib/storage.server";
import { fixture } from "../recordings/test-support";
import { loader as getInteraction } from "../../routes/api.v1.interactions.$id";
import { action as importInteraction } from "../../routes/api.v1.interactions";
import { action as startUpload } from "../../routes/api.v1.uploads";
import type { InteractionDetailJson, UploadPlanJson } from "./api.schema";
import { callRoute, callVtt, externalId, importer, silentWav } from "./test-support";

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
