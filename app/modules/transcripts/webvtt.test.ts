import { describe, expect, it } from "vitest";
import { errorOf, fixture } from "./test-fixtures";
import { ImportError } from "./types";
import { importWebVtt, parseVttTimestamp } from "./webvtt";

describe("importWebVtt", () => {
  it("imports voices, overlapping cues, settings, optional hours, markup and entities", () => {
    const result = importWebVtt(fixture("call.vtt"));
    const { transcript } = result;
    expect(transcript.channel).toBe("call");
    if (transcript.channel !== "call") return;
    expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text])).toEqual([
      ["Dana", 500, 3200, "Thanks for calling Acme & Co, this is Dana."],
      ["Customer", 3800, 7250, "Hi Dana, my router keeps dropping the connection."],
      ["Dana", 6900, 8000, "Oh no – let me check."],
      ["Dana", 9000, 12400, "Can you read me the serial number?"],
      ["Customer", 9000, 12400, "Sure, it's AB<12>."],
      ["Customer", 12600, 14000, "It's on the sticker."],
      ["Dana", 3_600_000, 3_602_000, "Thanks, bye!"],
    ]);
    expect(transcript.segments.map((s) => s.id)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7"]);
    expect(result.speakers).toEqual([
      { label: "Dana", name: "Dana", guessedRole: "agent", role: "agent", segments: 4 },
      { label: "Customer", guessedRole: "customer", role: "customer", segments: 3 },
    ]);
    expect(transcript.speakers).toEqual([
      { id: "Dana", role: "agent", name: "Dana" },
      { id: "Customer", role: "customer" },
    ]);
    expect(result.warnings).toEqual(["Skipped 1 cue without text."]);
  });

  it("accepts a BOM and CRLF line endings", () => {
    const result = importWebVtt(fixture("crlf-bom.vtt"));
    expect(result.transcript.segments.map((s) => s.text)).toEqual(["Hello from Windows.", "Hi."]);
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["Agent", "agent"],
      ["Customer", "customer"],
    ]);
  });

  it("takes Zoom-style 'Name: text' speakers when cues have no voice tags", () => {
    const vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nDana Smith: Hello, Acme support.\n\n2\n00:00:03.000 --> 00:00:04.000\nCaller: Hi, it's about my bill.\n";
    const result = importWebVtt(vtt);
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["Dana Smith", "agent"],
      ["Caller", "customer"],
    ]);
    expect(result.transcript.segments[1]?.text).toBe("Hi, it's about my bill.");
  });

  it("gives a file without voices one speaker, the agent", () => {
    const result = importWebVtt("WEBVTT\n\n00:01.000 --> 00:02.000\nPlease hold.\n");
    expect(result.speakers).toEqual([{ label: "speaker", guessedRole: "agent", role: "agent", segments: 1 }]);
  });

  it("lets speakerRoles override the guess, keyed by voice name", () => {
    const result = importWebVtt(fixture("call.vtt"), { speakerRoles: { Dana: "customer", customer: "agent" } });
    expect(result.speakers.map((s) => [s.label, s.guessedRole, s.role])).toEqual([
      ["Dana", "agent", "customer"],
      ["Customer", "customer", "agent"],
    ]);
    expect(result.transcript.speakers.map((s) => s.role)).toEqual(["customer", "agent"]);
  });

  it("warns about speakerRoles labels that are not in the file", () => {
    expect(importWebVtt(fixture("call.vtt"), { speakerRoles: { Bob: "agent" } }).warnings).toContain('speakerRoles names "Bob", not found in the file.');
  });
});

describe("malformed WebVTT", () => {
  it("names the line of a cue that ends before it starts", () => {
    expect(errorOf(() => importWebVtt(fixture("end-before-start.vtt")))).toBe(
      'WebVTT line 14: cue timing "00:01.000 --> 00:00.500" ends before it starts',
    );
  });

  it("requires the WEBVTT header", () => {
    expect(errorOf(() => importWebVtt(fixture("no-header.vtt")))).toBe(
      'WebVTT line 1: expected the "WEBVTT" header, found "00:00.000 --> 00:01.000"',
    );
  });

  it("names a bad timestamp", () => {
    expect(errorOf(() => importWebVtt("WEBVTT\n\n00:00.000 --> 00:61.000\nHi\n"))).toBe(
      'WebVTT line 3: cue end "00:61.000" is not a timestamp like "00:01.000" or "01:02:03.000"',
    );
    expect(errorOf(() => importWebVtt("WEBVTT\n\n00:00,000 --> 00:01.000\nHi\n"))).toContain('WebVTT line 3: cue start "00:00,000"');
  });

  it("names text that is not a cue", () => {
    expect(errorOf(() => importWebVtt("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n\nstray text\nmore\n"))).toBe(
      'WebVTT line 6: expected a cue timing like "00:01.000 --> 00:04.000" (or a cue identifier followed by one), found "stray text"',
    );
  });

  it("warns, with the line, about a tag left without its closing '>' (kept as text)", () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00.000 --> 00:02.000",
      "<v Roger Bingham>We are in New York City",
      "",
      "00:02.000 --> 00:04.000",
      "<v It's a blue apple tree!",
      "",
      "00:04.000 --> 00:05.000",
      "<v Neil deGrasse Tyson>Sure, a < b.",
      "The sky is <b blue",
    ].join("\n");
    const result = importWebVtt(vtt);
    expect(result.transcript.segments.map((segment) => segment.text)).toEqual([
      "We are in New York City",
      "<v It's a blue apple tree!",
      "Sure, a < b. The sky is <b blue",
    ]);
    expect(result.warnings).toEqual([
      'WebVTT line 7: the voice tag "<v It\'s a blue apple tree!" has no closing ">", so it was kept as text. Close it (<v Name>) to name the speaker.',
      'WebVTT line 11: the tag "<b blue" has no closing ">", so it was kept as text.',
    ]);
  });

  it("refuses a file with only a header, as an ImportError (422)", () => {
    let caught: unknown;
    try {
      importWebVtt("WEBVTT\n\nNOTE nothing here\n");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as ImportError).status).toBe(422);
    expect((caught as ImportError).message).toBe("WebVTT: the file has no cues with text");
  });
});

describe("parseVttTimestamp", () => {
  it("reads mm:ss.ttt and hh:mm:ss.ttt", () => {
    expect(parseVttTimestamp("01:02.345")).toBe(62_345);
    expect(parseVttTimestamp("10:01:02.345")).toBe(36_062_345);
    expect(parseVttTimestamp("1:02.345")).toBeUndefined();
  });
});
