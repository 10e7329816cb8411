import { describe, expect, it } from "vitest";
import { deriveExternalId, formFieldFor, importActionSchema, toIngestRequest, type ImportFields } from "./import-fields";

const vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Dana>Hello.\n";

function fields(overrides: Partial<ImportFields> = {}): ImportFields {
  return {
    intent: "import",
    agent: "dana.reyes@demo.parley.test",
    startedAt: "2026-03-01T09:30",
    externalId: "call-4711",
    queue: "",
    direction: "",
    tags: "",
    customerName: "",
    speakerRoles: "",
    recordingUploadId: "",
    recordingParts: "",
    ...overrides,
  };
}

describe("deriveExternalId", () => {
  it.each([
    ["4711-2026-03-01.wav", "4711-2026-03-01"],
    ["call.final.vtt", "call.final"],
    ["C:\\exports\\Call 42.vtt", "Call 42"],
    ["/home/me/calls/  spaced   name .srt", "spaced name"],
    ["no-extension", "no-extension"],
    [".hidden", ".hidden"],
    ["", ""],
  ])("%s → %s", (fileName, expected) => {
    expect(deriveExternalId(fileName)).toBe(expected);
  });

  it("keeps to the 200 characters an external id may have", () => {
    expect(deriveExternalId(`${"x".repeat(300)}.wav`)).toHaveLength(200);
  });
});

describe("formFieldFor", () => {
  it.each([
    ["externalId", "externalId"],
    ["transcript.content", "transcript"],
    ["transcript.fileName", "transcript"],
    ["transcript.speakerRoles.Dana", "speakerRoles"],
    ["recording.uploadId", "recording"],
    ["recording.parts.0.etag", "recording"],
    ["uploadId", "recording"],
    ["agentId", "agent"],
    ["tags.3", "tags"],
    ["", "form"],
  ])("%s shows under %s", (path, field) => {
    expect(formFieldFor(path)).toBe(field);
  });
});

describe("importActionSchema", () => {
  it("tells the intents apart and fills absent import fields with empty strings", () => {
    expect(importActionSchema.parse({ intent: "import", agent: "a@b.c" })).toMatchObject({ intent: "import", agent: "a@b.c", queue: "", speakerRoles: "" });
    expect(importActionSchema.parse({ intent: "start-upload", fileName: "call.wav", contentType: "audio/wav", size: "1024" })).toEqual({
      intent: "start-upload",
      fileName: "call.wav",
      contentType: "audio/wav",
      size: 1024,
    });
    expect(importActionSchema.safeParse({ intent: "discard-upload", uploadId: "nope" }).success).toBe(false);
    expect(importActionSchema.safeParse({ intent: "delete-everything" }).success).toBe(false);
  });
});

describe("toIngestRequest", () => {
  it("maps the form to the shared import request, reading the time in the organisation's zone", () => {
    const result = toIngestRequest(
      fields({
        queue: " Billing ",
        direction: "inbound",
        tags: "billing, escalation ,,",
        customerName: "Robert",
        speakerRoles: JSON.stringify({ Dana: "agent", Robert: "customer" }),
      }),
      { fileName: "call-4711.vtt", content: vtt },
      "Europe/Berlin",
    );
    expect(result).toEqual({
      ok: true,
      request: {
        source: "upload",
        externalId: "call-4711",
        agent: "dana.reyes@demo.parley.test",
        startedAt: "2026-03-01T08:30:00.000Z",
        direction: "inbound",
        queue: "Billing",
        tags: ["billing", "escalation"],
        metadata: {},
        customerName: "Robert",
        transcript: { fileName: "call-4711.vtt", content: vtt, speakerRoles: { Dana: "agent", Robert: "customer" } },
      },
    });
  });

  it("passes a finished upload's id and parts as the recording", () => {
    const uploadId = "0b6f8f0e-5d7c-4d44-9a53-2f4b8f3c1a10";
    const result = toIngestRequest(
      fields({ recordingUploadId: uploadId, recordingParts: JSON.stringify([{ partNumber: 1, etag: '"abc"' }]) }),
      { fileName: "call.vtt", content: vtt },
      "UTC",
    );
    expect(result.ok && result.request.recording).toEqual({ uploadId, parts: [{ partNumber: 1, etag: '"abc"' }] });
  });

  it("leaves optional fields out when they are empty", () => {
    const result = toIngestRequest(fields(), { fileName: "call.vtt", content: vtt }, "UTC");
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.request).not.toHaveProperty("recording");
    expect(result.request.queue).toBeUndefined();
    expect(result.request.direction).toBeUndefined();
    expect(result.request.transcript).not.toHaveProperty("speakerRoles");
  });

  it("names every missing or wrong field in words a person can act on", () => {
    const result = toIngestRequest(
      fields({ agent: " ", startedAt: "2026-02-30T10:00", externalId: "", direction: "sideways", speakerRoles: "{not json" }),
      null,
      "UTC",
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        agent: "Choose the agent who handled the conversation",
        externalId: "Enter the conversation's id in your phone or chat system",
        transcript: "Choose the transcript or chat file",
        startedAt: "Enter the date and time the conversation started",
        speakerRoles: "The speaker roles could not be read; choose them again",
        direction: expect.stringMatching(/inbound|outbound/) as string,
      },
    });
  });

  it("refuses broken upload details and over-long values through the shared schema", () => {
    const result = toIngestRequest(
      fields({ recordingUploadId: "not-an-id", queue: "q".repeat(101), tags: "x".repeat(51) }),
      { fileName: "call.vtt", content: vtt },
      "UTC",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["queue", "recording", "tags"]);
    expect(result.fieldErrors.recording).toMatch(/uploadId must be the id returned/);

    const parts = toIngestRequest(fields({ recordingUploadId: "0b6f8f0e-5d7c-4d44-9a53-2f4b8f3c1a10", recordingParts: "[{}]" }), { fileName: "a.vtt", content: vtt }, "UTC");
    expect(parts).toEqual({ ok: false, fieldErrors: { recording: "The uploaded parts could not be read; upload the recording again" } });
  });

  it("refuses an empty transcript file", () => {
    const result = toIngestRequest(fields(), { fileName: "empty.vtt", content: "" }, "UTC");
    expect(result).toEqual({ ok: false, fieldErrors: { transcript: "the transcript is empty" } });
  });
});
