import { describe, expect, it } from "vitest";
import { importSrt, parseSrtTimestamp } from "./srt";
import { errorOf, fixture } from "./test-fixtures";

describe("importSrt", () => {
  it("imports numbered cues with speaker prefixes, multi-line text and markup", () => {
    const result = importSrt(fixture("call.srt"));
    const { transcript } = result;
    if (transcript.channel !== "call") throw new Error("expected a call");
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text])).toEqual([
      ["AGENT", 480, 2960, "Thank you for calling Northwind Bank, this is Priya speaking."],
      ["CUSTOMER", 3200, 6050, "Hi, I'd like to dispute a card payment."],
      ["AGENT", 6300, 8900, "Of course. Can I take your card number?"],
      ["CUSTOMER", 9100, 12400, "It ends in 4471."],
      ["AGENT", 9100, 12400, "Thank you."],
      ["AGENT", 12600, 15000, "I can see the payment from Tuesday."],
    ]);
    expect(result.speakers).toEqual([
      { label: "AGENT", guessedRole: "agent", role: "agent", segments: 4 },
      { label: "CUSTOMER", guessedRole: "customer", role: "customer", segments: 2 },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("takes names as speakers: the first to talk is the agent, overridable", () => {
    const guessed = importSrt(fixture("names.srt"));
    expect(guessed.speakers.map((s) => [s.label, s.name, s.role, s.segments])).toEqual([
      ["Dana", "Dana", "agent", 2],
      ["Mr Okafor", "Mr Okafor", "customer", 1],
    ]);
    const mapped = importSrt(fixture("names.srt"), { speakerRoles: { Dana: "customer", "Mr Okafor": "agent" } });
    expect(mapped.transcript.speakers).toEqual([
      { id: "Dana", role: "customer", name: "Dana" },
      { id: "Mr Okafor", role: "agent", name: "Mr Okafor" },
    ]);
  });

  it("keeps a stray 'Note:' as text when the file names no speakers", () => {
    const result = importSrt(fixture("unlabelled.srt"));
    expect(result.speakers.map((s) => s.label)).toEqual(["speaker"]);
    expect(result.transcript.segments.map((s) => s.text)).toEqual([
      "Your call is important to us. Please stay on the line.",
      "Note: calls may be recorded.",
    ]);
  });

  it("accepts a dot before the milliseconds, missing cue numbers and missing blank lines", () => {
    const srt = "00:00:01.000 --> 00:00:02.000\nHello.\n2\n00:00:02,500 --> 00:00:03,000\nHi.\n";
    const result = importSrt(srt);
    expect(result.transcript.segments.map((s) => s.text)).toEqual(["Hello.", "Hi."]);
    expect(result.warnings).toEqual(["1 cues had no cue number."]);
  });
});

describe("malformed SRT", () => {
  it("names a cue number without a timing line", () => {
    expect(errorOf(() => importSrt(fixture("no-timing.srt")))).toBe(
      'SRT line 6: cue 2 has no timing line: expected "00:00:01,000 --> 00:00:04,000", found "I\'d like to cancel my order."',
    );
  });

  it("names text where a cue number belongs", () => {
    expect(errorOf(() => importSrt("1\n00:00:01,000 --> 00:00:02,000\nHello\n\nHello again\n"))).toBe(
      'SRT line 5: expected a cue number, found "Hello again"',
    );
  });

  it("names bad timestamps and reversed timings", () => {
    expect(errorOf(() => importSrt("1\n00:00:01:000 --> 00:00:02,000\nHi\n"))).toBe(
      'SRT line 2: cue start "00:00:01:000" is not a timestamp like "00:00:01,000"',
    );
    expect(errorOf(() => importSrt("1\n00:00:05,000 --> 00:00:02,000\nHi\n"))).toBe(
      'SRT line 2: cue timing "00:00:05,000 --> 00:00:02,000" ends before it starts',
    );
    expect(errorOf(() => importSrt("1\n00:00:01,000 -> 00:00:02,000\nHi\n"))).toBe(
      'SRT line 2: cue 1 has no timing line: expected "00:00:01,000 --> 00:00:04,000", found "00:00:01,000 -> 00:00:02,000"',
    );
  });

  it("refuses an empty file", () => {
    expect(errorOf(() => importSrt("\n\n"))).toBe("SRT: the file has no cues");
  });
});

describe("parseSrtTimestamp", () => {
  it("reads HH:MM:SS,mmm", () => {
    expect(parseSrtTimestamp("01:02:03,456")).toBe(3_723_456);
    expect(parseSrtTimestamp("00:60:00,000")).toBeUndefined();
  });
});
