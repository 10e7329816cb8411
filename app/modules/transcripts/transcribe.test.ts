import { describe, expect, it } from "vitest";
import { errorOf, fixture } from "./test-fixtures";
import { importTranscribe } from "./transcribe";

const diarization = () => JSON.parse(fixture("transcribe-diarization.json")) as { results: { items: Record<string, unknown>[]; speaker_labels?: unknown } };

describe("importTranscribe", () => {
  it("builds segments from diarized items, punctuation on the word before, split on speaker and pause", () => {
    const result = importTranscribe(fixture("transcribe-diarization.json"));
    const { transcript } = result;
    if (transcript.channel !== "call") throw new Error("expected a call");
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text])).toEqual([
      ["spk_0", 520, 2600, "Thank you for calling, this is Sam."],
      ["spk_1", 3100, 4710, "Hi, my parcel never arrived."],
      ["spk_0", 5300, 6550, "I'm sorry to hear that."],
      ["spk_0", 8400, 9480, "What's the order number?"],
    ]);
    expect(transcript.segments[0]?.words?.slice(2, 5)).toEqual([
      { startMs: 990, endMs: 1100, text: "for" },
      { startMs: 1100, endMs: 1620, text: "calling," },
      { startMs: 1750, endMs: 2020, text: "this" },
    ]);
    expect(result.speakers).toEqual([
      { label: "spk_0", guessedRole: "agent", role: "agent", segments: 3 },
      { label: "spk_1", guessedRole: "customer", role: "customer", segments: 1 },
    ]);
  });

  it("reads speaker_label on the items themselves (current output)", () => {
    const doc = diarization();
    const byStart = new Map([["0.52", "spk_1"], ["3.10", "spk_0"]]);
    let current = "spk_1";
    for (const item of doc.results.items) {
      current = byStart.get(String(item.start_time)) ?? current;
      item.speaker_label = current;
    }
    doc.results.speaker_labels = { speakers: 2, segments: [] };
    const result = importTranscribe(JSON.stringify(doc));
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["spk_1", "agent"],
      ["spk_0", "customer"],
    ]);
  });

  it("treats each channel as a speaker, ch_0 the agent, and merges overlapping talk by time", () => {
    const result = importTranscribe(fixture("transcribe-channels.json"));
    expect(result.transcript.segments.map((s) => [s.speaker, s.text])).toEqual([
      ["ch_0", "Hello, billing."],
      ["ch_1", "Hi. I was charged twice. Again!"],
      ["ch_0", "Mm-hmm."],
    ]);
    expect(result.speakers.map((s) => [s.label, s.role, s.segments])).toEqual([
      ["ch_0", "agent", 2],
      ["ch_1", "customer", 1],
    ]);
  });

  it("gives output without speaker or channel labels one speaker", () => {
    const doc = diarization();
    delete doc.results.speaker_labels;
    expect(importTranscribe(JSON.stringify(doc)).speakers.map((s) => [s.label, s.segments])).toEqual([["speaker", 2]]);
  });

  it("lets speakerRoles override spk_N roles", () => {
    const result = importTranscribe(fixture("transcribe-diarization.json"), { speakerRoles: { spk_0: "customer", spk_1: "agent" } });
    expect(result.transcript.speakers).toEqual([
      { id: "spk_0", role: "customer" },
      { id: "spk_1", role: "agent" },
    ]);
  });
});

describe("malformed Amazon Transcribe output", () => {
  it("names a missing start_time by its path", () => {
    expect(errorOf(() => importTranscribe(fixture("transcribe-missing-start.json")))).toBe(
      "Amazon Transcribe: results.items[3].start_time is missing",
    );
  });

  it("names wrong types, reversed times, unknown item types and unfinished jobs", () => {
    const doc = diarization();
    doc.results.items[0]!.end_time = "0.10";
    expect(errorOf(() => importTranscribe(JSON.stringify(doc)))).toBe("Amazon Transcribe: results.items[0].end_time (0.10) is before start_time (0.52)");
    const typed = diarization();
    typed.results.items[1]!.type = "speech";
    expect(errorOf(() => importTranscribe(JSON.stringify(typed)))).toBe(
      'Amazon Transcribe: results.items[1].type is "speech", expected "pronunciation" or "punctuation"',
    );
    expect(errorOf(() => importTranscribe('{"status":"IN_PROGRESS","results":{}}'))).toBe('Amazon Transcribe: status is "IN_PROGRESS", not "COMPLETED"');
    expect(errorOf(() => importTranscribe('{"results":{"items":{}}}'))).toBe("Amazon Transcribe: results.items should be an array, found an object");
    expect(errorOf(() => importTranscribe('{"results":{"items":[]}}'))).toBe("Amazon Transcribe: the file has no words with text");
  });

  it("names the line and column of broken JSON", () => {
    expect(errorOf(() => importTranscribe('{\n  "results": {\n    "items": [1 2]\n  }\n}'))).toBe(
      'Amazon Transcribe line 3, column 17: not valid JSON: expected "," or "]", found "2"',
    );
  });
});
