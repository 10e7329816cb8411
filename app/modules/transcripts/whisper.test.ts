import { describe, expect, it } from "vitest";
import { errorOf, fixture } from "./test-fixtures";
import { importWhisper } from "./whisper";

describe("importWhisper", () => {
  it("imports verbose_json segments in ms with top-level words placed in their segment, one speaker", () => {
    const result = importWhisper(fixture("whisper-verbose.json"));
    const { transcript } = result;
    if (transcript.channel !== "call") throw new Error("expected a call");
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text, s.words?.length])).toEqual([
      ["speaker", 0, 3200, "Thank you for calling Sunrise Travel.", 6],
      ["speaker", 3200, 5760, "How can I help you today?", 6],
    ]);
    expect(transcript.segments[1]?.words?.[0]).toEqual({ startMs: 3200, endMs: 3500, text: "How" });
    expect(result.speakers).toEqual([{ label: "speaker", guessedRole: "agent", role: "agent", segments: 2 }]);
  });

  it("makes the one speaker the customer when speakerRoles says so", () => {
    const result = importWhisper(fixture("whisper-verbose.json"), { speakerRoles: { speaker: "customer" } });
    expect(result.transcript.speakers).toEqual([{ id: "speaker", role: "customer" }]);
  });

  it("reads per-segment words (CLI) and diarized speakers (WhisperX)", () => {
    const value = { language: "en", segments: [
      { start: 0.5, end: 1.5, text: " Hello.", speaker: "SPEAKER_00", words: [{ word: " Hello.", start: 0.5, end: 1.5, probability: 0.9 }] },
      { start: 2, end: 3, text: " Hi there.", speaker: "SPEAKER_01", words: [{ word: " Hi", start: 2, end: 2.4 }, { word: " there.", start: 2.4, end: 3 }] },
    ] };
    const result = importWhisper(JSON.stringify(value));
    expect(result.transcript.segments[1]).toMatchObject({ speaker: "SPEAKER_01", text: "Hi there.", words: [{ startMs: 2000, endMs: 2400, text: "Hi" }, { startMs: 2400, endMs: 3000, text: "there." }] });
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["SPEAKER_00", "agent"],
      ["SPEAKER_01", "customer"],
    ]);
  });
});

describe("malformed Whisper output", () => {
  it("names a segment that ends before it starts", () => {
    expect(errorOf(() => importWhisper(fixture("whisper-end-before-start.json")))).toBe("OpenAI Whisper: segments[1].end (2.5) is before start (3.2)");
  });

  it("explains that a plain json response has no timings", () => {
    expect(errorOf(() => importWhisper('{"text":"Hello there."}'))).toBe(
      'OpenAI Whisper: segments is missing: this is a plain "json" response; export with response_format "verbose_json" to get timings',
    );
  });

  it("names a segment without text", () => {
    expect(errorOf(() => importWhisper('{"segments":[{"start":0,"end":1}]}'))).toBe("OpenAI Whisper: segments[0].text is missing");
  });
});
