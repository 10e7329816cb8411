import { describe, expect, it } from "vitest";
import { importAssemblyAi } from "./assemblyai";
import { errorOf, fixture } from "./test-fixtures";

type Doc = { utterances: unknown; multichannel?: boolean; status?: string; error?: string; words?: unknown };
const doc = () => JSON.parse(fixture("assemblyai-utterances.json")) as Doc;

describe("importAssemblyAi", () => {
  it("imports utterances: speaker letters, millisecond times, words", () => {
    const result = importAssemblyAi(fixture("assemblyai-utterances.json"));
    const { transcript } = result;
    if (transcript.channel !== "call") throw new Error("expected a call");
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text])).toEqual([
      ["A", 240, 1480, "Hello, Harbor Insurance."],
      ["B", 2010, 3350, "Hi. I had an accident."],
      ["A", 3900, 4820, "Is everyone okay?"],
    ]);
    expect(transcript.segments[0]?.words).toEqual([
      { startMs: 240, endMs: 560, text: "Hello," },
      { startMs: 600, endMs: 900, text: "Harbor" },
      { startMs: 900, endMs: 1480, text: "Insurance." },
    ]);
    expect(result.speakers.map((s) => [s.label, s.role, s.segments])).toEqual([
      ["A", "agent", 2],
      ["B", "customer", 1],
    ]);
  });

  it("falls back to words when utterances is null, and maps roles by speakerRoles", () => {
    const value = doc();
    value.utterances = null;
    const result = importAssemblyAi(JSON.stringify(value), { speakerRoles: { A: "customer", B: "agent" } });
    expect(result.transcript.segments.map((s) => s.text)).toEqual(["Hello, Harbor Insurance.", "Hi. I had an accident.", "Is everyone okay?"]);
    expect(result.speakers.map((s) => [s.label, s.guessedRole, s.role])).toEqual([
      ["A", "agent", "customer"],
      ["B", "customer", "agent"],
    ]);
  });

  it("makes the lowest channel the agent in multichannel transcripts, whoever talks first", () => {
    const value = { status: "completed", multichannel: true, utterances: [
      { speaker: "2", channel: "2", start: 0, end: 500, text: "Hello?", words: [] },
      { speaker: "1", channel: "1", start: 600, end: 1500, text: "Hi, this is Acme.", words: [] },
    ] };
    expect(importAssemblyAi(JSON.stringify(value)).speakers.map((s) => [s.label, s.role])).toEqual([
      ["2", "customer"],
      ["1", "agent"],
    ]);
  });
});

describe("malformed AssemblyAI transcripts", () => {
  it("names a missing field by its path", () => {
    expect(errorOf(() => importAssemblyAi(fixture("assemblyai-missing-start.json")))).toBe("AssemblyAI: utterances[1].start is missing");
  });

  it("refuses unfinished or failed transcripts with AssemblyAI's reason", () => {
    const value = doc();
    value.status = "error";
    value.error = "Audio file could not be decoded";
    expect(errorOf(() => importAssemblyAi(JSON.stringify(value)))).toBe(
      'AssemblyAI: status is "error" (Audio file could not be decoded), not "completed": export the transcript once it has completed',
    );
  });

  it("refuses a transcript with neither utterances nor words", () => {
    expect(errorOf(() => importAssemblyAi('{"status":"completed","text":"hi","utterances":null}'))).toBe(
      "AssemblyAI: utterances is missing, and so is words: request the transcript with speaker_labels or export its words",
    );
  });
});
