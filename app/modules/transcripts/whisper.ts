/**
 * OpenAI Whisper `verbose_json` (the API and the open-source CLI): segments in
 * seconds; words from `segments[].words` (CLI, word_timestamps) or the top-level
 * `words` (API, timestamp_granularities=word), placed in the segment they start in.
 * Whisper does not diarize: one speaker (the agent unless speakerRoles says
 * otherwise), or `segments[].speaker` when a diarizer such as WhisperX added it.
 */
import { finishCall, type RawCallSegment, type Word } from "./build";
import { UNLABELLED } from "./captions";
import { childPath, jsonReader, parseJson } from "./json";
import { roleFromName, SpeakerBook } from "./speakers";
import type { ImportOptions, ImportResult } from "./types";

const read = jsonReader("whisper");

export function importWhisper(text: string, options: ImportOptions = {}): ImportResult {
  const root = read.object(parseJson("whisper", text), "");
  if (root.segments === undefined && typeof root.text === "string") {
    throw read.fail("segments", 'is missing: this is a plain "json" response; export with response_format "verbose_json" to get timings');
  }
  const list = read.array(root.segments, "segments");
  const topWords = Array.isArray(root.words) ? readWords(root.words, "words") : [];
  const book = new SpeakerBook("agent");

  const segments = list.map((raw, index): RawCallSegment => {
    const path = `segments[${index}]`;
    const segment = read.object(raw, path);
    const startMs = read.seconds(segment.start, `${path}.start`);
    const endMs = read.seconds(segment.end, `${path}.end`);
    if (endMs < startMs) throw read.fail(`${path}.end`, `(${String(segment.end)}) is before start (${String(segment.start)})`);
    const label = read.optionalString(segment.speaker, `${path}.speaker`) ?? UNLABELLED;
    const role = roleFromName(label);
    const speaker = book.add(label, role ? { role } : {});
    const own = Array.isArray(segment.words) ? readWords(segment.words, `${path}.words`) : undefined;
    const words = own ?? topWords.filter((word) => word.startMs >= startMs && (word.startMs < endMs || (word.startMs === endMs && startMs === endMs)));
    return { speaker, startMs, endMs, text: read.string(segment.text, `${path}.text`).trim(), words };
  });
  return finishCall({ format: "whisper", book, options, warnings: [], units: "segments" }, segments);
}

function readWords(list: unknown[], base: string): Word[] {
  return list.map((raw, index) => {
    const path = childPath(base, index);
    const word = read.object(raw, path);
    const startMs = read.seconds(word.start, `${path}.start`);
    const endMs = read.seconds(word.end, `${path}.end`);
    if (endMs < startMs) throw read.fail(`${path}.end`, `(${String(word.end)}) is before start (${String(word.start)})`);
    return { startMs, endMs, text: read.string(word.word, `${path}.word`).trim() };
  });
}
