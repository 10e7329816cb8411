/**
 * SubRip (SRT): numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm` timings, multi-line
 * text, optional "AGENT:" / "Dana:" speaker prefixes, <i>/<b>/<font> markup.
 */
import { finishCall } from "./build";
import { applySpeakerPrefixes, captionsToSegments, type Caption } from "./captions";
import { SpeakerBook } from "./speakers";
import { quote, splitLines } from "./text";
import { fileError, lineError, type ImportOptions, type ImportResult } from "./types";

// The comma is SubRip's; many tools write a dot, which players accept too.
const timestampPattern = /^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})$/;
const timingPattern = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/;

export function parseSrtTimestamp(stamp: string): number | undefined {
  const match = timestampPattern.exec(stamp);
  if (!match) return undefined;
  const [, hours = "0", minutes = "0", seconds = "0", millis = "0"] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
}

export function importSrt(text: string, options: ImportOptions = {}): ImportResult {
  const lines = splitLines(text);
  const fail = (index: number, why: string) => lineError("srt", index + 1, why);
  const blank = (index: number) => (lines[index] ?? "").trim() === "";
  const isTiming = (index: number) => (lines[index] ?? "").includes("-->");
  const captions: Caption[] = [];
  const warnings: string[] = [];
  let unnumbered = 0;

  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && blank(i)) i++;
    if (i >= lines.length) break;
    const first = (lines[i] ?? "").trim();
    if (/^\d+$/.test(first)) {
      if (!isTiming(i + 1)) {
        const found = lines[i + 1] === undefined ? "the end of the file" : quote(lines[i + 1] ?? "");
        throw fail(i + 1, `cue ${first} has no timing line: expected "00:00:01,000 --> 00:00:04,000", found ${found}`);
      }
      i++;
    } else if (isTiming(i)) {
      unnumbered++;
    } else {
      throw fail(i, `expected a cue number, found ${quote(first)}`);
    }
    const timingIndex = i;
    const { startMs, endMs } = parseTiming(lines[i] ?? "", (why) => fail(timingIndex, why));
    const payload: string[] = [];
    i++;
    // A cue ends at a blank line; a number followed by a timing also starts the next cue
    // (files that lost their blank lines).
    while (i < lines.length && !blank(i) && !isTiming(i) && !(/^\d+$/.test((lines[i] ?? "").trim()) && isTiming(i + 1))) {
      payload.push(lines[i++] ?? "");
    }
    captions.push({ line: timingIndex + 1, startMs, endMs, parts: payload.map((line) => ({ text: line })) });
  }
  if (captions.length === 0) throw fileError("srt", "the file has no cues");
  if (unnumbered > 0) warnings.push(`${unnumbered} cues had no cue number.`);

  const book = new SpeakerBook("agent");
  applySpeakerPrefixes(captions);
  const segments = captionsToSegments(captions, book);
  return finishCall({ format: "srt", book, options, warnings, units: "cues" }, segments);
}

function parseTiming(line: string, fail: (why: string) => Error): { startMs: number; endMs: number } {
  const match = timingPattern.exec(line.trim());
  if (!match) throw fail(`cue timing ${quote(line)} is not "start --> end" (like "00:00:01,000 --> 00:00:04,000")`);
  const [, start = "", end = ""] = match;
  const startMs = parseSrtTimestamp(start);
  if (startMs === undefined) throw fail(`cue start ${quote(start)} is not a timestamp like "00:00:01,000"`);
  const endMs = parseSrtTimestamp(end);
  if (endMs === undefined) throw fail(`cue end ${quote(end)} is not a timestamp like "00:00:01,000"`);
  if (endMs < startMs) throw fail(`cue timing ${quote(`${start} --> ${end}`)} ends before it starts`);
  return { startMs, endMs };
}
