/**
 * WebVTT (W3C): header, NOTE/STYLE/REGION blocks, cues with optional identifiers
 * and settings, hours optional in timestamps, voice spans `<v Name>`, other markup
 * stripped, character references decoded. Overlapping cues are kept, in time order.
 */
import { finishCall } from "./build";
import { applySpeakerPrefixes, captionsToSegments, splitVoices, type Caption } from "./captions";
import { SpeakerBook } from "./speakers";
import { quote, splitLines } from "./text";
import { lineError, type ImportOptions, type ImportResult } from "./types";

const timestampPattern = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const timingPattern = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/;

export function parseVttTimestamp(stamp: string): number | undefined {
  const match = timestampPattern.exec(stamp);
  if (!match) return undefined;
  const [, hours = "0", minutes = "0", seconds = "0", millis = "0"] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
}

export function importWebVtt(text: string, options: ImportOptions = {}): ImportResult {
  const lines = splitLines(text);
  const fail = (index: number, why: string) => lineError("webvtt", index + 1, why);
  const header = lines[0] ?? "";
  if (!/^WEBVTT([ \t].*)?$/.test(header)) {
    throw fail(0, header.trim() === "" && lines.length <= 1 ? "the file is empty" : `expected the "WEBVTT" header, found ${quote(header)}`);
  }

  let i = 1;
  while (i < lines.length && lines[i] !== "" && !lines[i]?.includes("-->")) i++; // header metadata
  const captions: Caption[] = [];
  const warnings: string[] = [];
  const blank = (index: number) => (lines[index] ?? "").trim() === "";

  while (i < lines.length) {
    while (i < lines.length && blank(i)) i++;
    if (i >= lines.length) break;
    const first = lines[i] ?? "";
    if (/^(NOTE|STYLE|REGION)([ \t]|$)/.test(first) && !first.includes("-->")) {
      while (i < lines.length && !blank(i)) i++;
      continue;
    }
    let timingIndex = i;
    if (!first.includes("-->")) {
      if (!(lines[i + 1] ?? "").includes("-->")) {
        throw fail(i, `expected a cue timing like "00:01.000 --> 00:04.000" (or a cue identifier followed by one), found ${quote(first)}`);
      }
      timingIndex = i + 1; // `first` is the cue identifier
    }
    const { startMs, endMs } = parseTiming(lines[timingIndex] ?? "", (why) => fail(timingIndex, why));
    const payload: string[] = [];
    i = timingIndex + 1;
    while (i < lines.length && !blank(i) && !lines[i]?.includes("-->")) {
      const line = lines[i] ?? "";
      const unclosed = unclosedTag(line);
      if (unclosed) warnings.push(unclosedTagWarning(i + 1, unclosed));
      payload.push(line);
      i++;
    }
    captions.push({ line: timingIndex + 1, startMs, endMs, parts: splitVoices(payload) });
  }

  const book = new SpeakerBook("agent");
  applySpeakerPrefixes(captions);
  const segments = captionsToSegments(captions, book);
  return finishCall({ format: "webvtt", book, options, warnings, units: "cues" }, segments);
}

/** Cue tags (WebVTT §4.2) whose `<` opens a tag; "AB<12>" and "a < b" are text. */
const unclosedTagPattern = /<\/?(v|c|i|b|u|ruby|rt|lang)(?=[\s.]|$)[^>]*$/;

/** A tag the line opens and never closes, e.g. `<v It's a blue apple tree!`: the parser keeps it as text. */
export function unclosedTag(line: string): string | null {
  return unclosedTagPattern.exec(line)?.[0] ?? null;
}

function unclosedTagWarning(lineNumber: number, tag: string): string {
  const voice = /^<v[\s.]/.test(tag);
  const what = voice ? "voice tag" : "tag";
  const fix = voice ? ' Close it (<v Name>) to name the speaker.' : "";
  return `WebVTT line ${lineNumber}: the ${what} ${quote(tag)} has no closing ">", so it was kept as text.${fix}`;
}

function parseTiming(line: string, fail: (why: string) => Error): { startMs: number; endMs: number } {
  const match = timingPattern.exec(line.trim());
  if (!match) throw fail(`cue timing ${quote(line)} is not "start --> end" (like "00:01.000 --> 00:04.000")`);
  const [, start = "", end = ""] = match;
  const startMs = parseVttTimestamp(start);
  if (startMs === undefined) throw fail(`cue start ${quote(start)} is not a timestamp like "00:01.000" or "01:02:03.000"`);
  const endMs = parseVttTimestamp(end);
  if (endMs === undefined) throw fail(`cue end ${quote(end)} is not a timestamp like "00:01.000" or "01:02:03.000"`);
  if (endMs < startMs) throw fail(`cue timing ${quote(`${start} --> ${end}`)} ends before it starts`);
  return { startMs, endMs };
}
