import { describe, expect, it } from "vitest";
import { importDeepgram } from "./deepgram";
import { errorOf, fixture } from "./test-fixtures";

describe("importDeepgram", () => {
  it("uses results.utterances: diarized speakers, the first to talk is the agent, punctuated words", () => {
    const result = importDeepgram(fixture("deepgram-utterances.json"));
    const { transcript } = result;
    if (transcript.channel !== "call") throw new Error("expected a call");
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text])).toEqual([
      ["speaker_0", 320, 1960, "Good afternoon, Riverside Clinic."],
      ["speaker_1", 2600, 3940, "Hi, I need to reschedule."],
      ["speaker_0", 4400, 5500, "Sure, what's your name?"],
    ]);
    expect(transcript.segments[1]?.words?.[4]).toEqual({ startMs: 3300, endMs: 3940, text: "reschedule." });
    expect(result.speakers.map((s) => [s.label, s.role, s.segments])).toEqual([
      ["speaker_0", "agent", 2],
      ["speaker_1", "customer", 1],
    ]);
  });

  it("groups channel words by speaker when there are no utterances", () => {
    const doc = JSON.parse(fixture("deepgram-utterances.json")) as { results: { utterances?: unknown } };
    delete doc.results.utterances;
    const result = importDeepgram(JSON.stringify(doc));
    expect(result.transcript.segments.map((s) => [s.speaker, s.text])).toEqual([
      ["speaker_0", "Good afternoon, Riverside Clinic."],
      ["speaker_1", "Hi, I need to reschedule."],
      ["speaker_0", "Sure, what's your name?"],
    ]);
  });

  it("treats each channel of a multichannel response as a speaker, channel 0 the agent", () => {
    const result = importDeepgram(fixture("deepgram-multichannel.json"));
    const { transcript } = result;
    if (transcript.channel !== "call") throw new Error("expected a call");
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text])).toEqual([
      ["channel_0", 200, 1100, "Thanks for holding."],
      ["channel_1", 900, 1600, "No problem."],
    ]);
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["channel_0", "agent"],
      ["channel_1", "customer"],
    ]);
    const swapped = importDeepgram(fixture("deepgram-multichannel.json"), { speakerRoles: { channel_0: "customer", channel_1: "agent" } });
    expect(swapped.transcript.speakers.map((s) => [s.id, s.role])).toEqual([
      ["channel_0", "customer"],
      ["channel_1", "agent"],
    ]);
  });

  it("gives an undiarized mono response one speaker", () => {
    const doc = { metadata: { channels: 1 }, results: { channels: [{ alternatives: [{ transcript: "Hello there.", words: [{ word: "hello", start: 0.1, end: 0.4, punctuated_word: "Hello" }, { word: "there", start: 0.4, end: 0.8, punctuated_word: "there." }] }] }] } };
    const result = importDeepgram(JSON.stringify(doc));
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([["speaker", "agent"]]);
    expect(result.transcript.segments.map((s) => s.text)).toEqual(["Hello there."]);
  });
});

describe("malformed Deepgram responses", () => {
  it("names the word field by its path", () => {
    expect(errorOf(() => importDeepgram(fixture("deepgram-bad-word.json")))).toBe(
      'Deepgram: results.channels[1].alternatives[0].words[1].end should be a number, found "soon"',
    );
  });

  it("names missing structure", () => {
    expect(errorOf(() => importDeepgram('{"metadata":{}}'))).toBe("Deepgram: results is missing");
    expect(errorOf(() => importDeepgram('{"results":{"channels":[{"alternatives":[]}]}}'))).toBe(
      "Deepgram: results.channels[0].alternatives[0] is missing",
    );
    expect(errorOf(() => importDeepgram('{"results":{"utterances":[{"start":2,"end":1,"transcript":"x"}]}}'))).toBe(
      "Deepgram: results.utterances[0].end is before its start",
    );
  });
});
