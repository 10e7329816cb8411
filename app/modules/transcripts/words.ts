/**
 * Word-level ASR output (Transcribe items, Deepgram/AssemblyAI words) to segments:
 * a new segment when the speaker changes, after a pause, or at a sentence end once
 * a segment has run long. The segment text is its words joined by spaces, so word
 * texts line up with the segment text (punctuation stays on the word before it).
 */
import type { RawCallSegment, Word } from "./build";

export interface TimedWord extends Word {
  speaker: string;
}

/** A silence at least this long starts a new segment. */
export const PAUSE_SPLIT_MS = 1500;
/** After this long, a segment ends at the next sentence end. */
export const LONG_SEGMENT_MS = 30_000;

export function groupWords(words: TimedWord[]): RawCallSegment[] {
  const segments: (RawCallSegment & { words: Word[] })[] = [];
  let current: (RawCallSegment & { words: Word[] }) | undefined;
  for (const word of words) {
    const previous = current?.words.at(-1);
    const split =
      !current ||
      !previous ||
      word.speaker !== current.speaker ||
      word.startMs - previous.endMs >= PAUSE_SPLIT_MS ||
      (word.startMs - current.startMs >= LONG_SEGMENT_MS && /[.?!…]["')\]]?$/.test(previous.text));
    if (split || !current) {
      current = { speaker: word.speaker, startMs: word.startMs, endMs: word.endMs, text: "", words: [] };
      segments.push(current);
    }
    current.words.push({ startMs: word.startMs, endMs: word.endMs, text: word.text });
    current.endMs = Math.max(current.endMs, word.endMs);
  }
  for (const segment of segments) segment.text = segment.words.map((word) => word.text).join(" ");
  return segments;
}

/** Groups each speaker's words on their own (stereo channels talk over each other), then merges by time. */
export function groupWordsPerSpeaker(words: TimedWord[]): RawCallSegment[] {
  const bySpeaker = new Map<string, TimedWord[]>();
  for (const word of words) {
    const list = bySpeaker.get(word.speaker) ?? [];
    list.push(word);
    bySpeaker.set(word.speaker, list);
  }
  return [...bySpeaker.values()].flatMap((list) => groupWords(list)).sort((a, b) => a.startMs - b.startMs);
}
