import { describe, expect, it } from "vitest";
import { transcriptPlainText, transcriptSchema } from "./transcript";

const designExample = {
  version: 1,
  channel: "call",
  speakers: [
    { id: "a", role: "agent", name: "Dana" },
    { id: "c", role: "customer" },
  ],
  segments: [
    {
      id: "s1",
      speaker: "a",
      startMs: 0,
      endMs: 2310,
      text: "Thanks for calling…",
      words: [{ startMs: 0, endMs: 320, text: "Thanks" }],
    },
    { id: "s2", speaker: "c", startMs: 2400, endMs: 4000, text: "Hi, my router keeps dropping." },
  ],
};

const chat = {
  version: 1,
  channel: "chat",
  speakers: [
    { id: "a", role: "agent" },
    { id: "c", role: "customer" },
  ],
  segments: [
    { id: "m1", speaker: "c", at: "2026-01-05T09:00:00Z", text: "Hello?" },
    { id: "m2", speaker: "a", at: "2026-01-05T10:00:30+01:00", text: "Hi, how can I help?" },
  ],
};

function issuesOf(input: unknown) {
  const result = transcriptSchema.safeParse(input);
  if (result.success) throw new Error("expected the transcript to be rejected");
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

function withSegments(base: typeof designExample, segments: unknown[]) {
  return { ...base, segments };
}

describe("transcriptSchema", () => {
  it("accepts the canonical call transcript from DESIGN.md", () => {
    expect(transcriptSchema.parse(designExample)).toEqual(designExample);
  });

  it("accepts a chat transcript with an offset timestamp per message", () => {
    expect(transcriptSchema.parse(chat).channel).toBe("chat");
  });

  it("rejects a segment by an unknown speaker, naming the segment", () => {
    const input = withSegments(designExample, [
      designExample.segments[0],
      { id: "s2", speaker: "x", startMs: 2400, endMs: 4000, text: "Who am I?" },
    ]);
    expect(issuesOf(input)).toEqual([{ path: ["segments", 1, "speaker"], message: 'unknown speaker "x"' }]);
  });

  it("rejects duplicate segment ids, naming the second one", () => {
    const input = withSegments(designExample, [
      designExample.segments[0],
      designExample.segments[1],
      { id: "s1", speaker: "c", startMs: 4000, endMs: 5000, text: "again" },
    ]);
    expect(issuesOf(input)).toEqual([{ path: ["segments", 2, "id"], message: 'duplicate segment id "s1"' }]);
  });

  it("rejects a segment that ends before it starts, naming the segment", () => {
    const input = withSegments(designExample, [
      designExample.segments[0],
      { id: "s2", speaker: "c", startMs: 4000, endMs: 3999, text: "backwards" },
    ]);
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path.slice(0, 2)).toEqual(["segments", 1]);
    expect(issues[0]?.message).toBe("endMs must not be before startMs");
  });

  it("accepts a zero-length segment", () => {
    const input = withSegments(designExample, [{ id: "s1", speaker: "a", startMs: 100, endMs: 100, text: "" }]);
    expect(transcriptSchema.safeParse(input).success).toBe(true);
  });

  it("rejects negative and fractional times", () => {
    expect(issuesOf(withSegments(designExample, [{ id: "s1", speaker: "a", startMs: -1, endMs: 10, text: "" }]))[0]?.path).toEqual([
      "segments",
      0,
      "startMs",
    ]);
    expect(issuesOf(withSegments(designExample, [{ id: "s1", speaker: "a", startMs: 0, endMs: 10.5, text: "" }]))[0]?.path).toEqual([
      "segments",
      0,
      "endMs",
    ]);
  });

  it("rejects a chat message without a valid timestamp", () => {
    const input = { ...chat, segments: [{ id: "m1", speaker: "c", at: "yesterday", text: "Hello?" }] };
    expect(issuesOf(input)[0]?.path).toEqual(["segments", 0, "at"]);
  });

  it("rejects a speaker whose role is neither agent nor customer", () => {
    const input = { ...designExample, speakers: [...designExample.speakers, { id: "b", role: "bot" }] };
    expect(issuesOf(input)[0]?.path).toEqual(["speakers", 2, "role"]);
  });

  it("rejects a transcript without speakers, an unknown channel or another version", () => {
    expect(transcriptSchema.safeParse({ ...designExample, speakers: [], segments: [] }).success).toBe(false);
    expect(transcriptSchema.safeParse({ ...designExample, channel: "fax" }).success).toBe(false);
    expect(transcriptSchema.safeParse({ ...designExample, version: 2 }).success).toBe(false);
  });
});

describe("transcriptPlainText", () => {
  it("joins every segment's text in order, one per line", () => {
    const transcript = transcriptSchema.parse(designExample);
    expect(transcriptPlainText(transcript)).toBe("Thanks for calling…\nHi, my router keeps dropping.");
  });
});
