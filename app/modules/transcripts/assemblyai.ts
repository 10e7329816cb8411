/**
 * AssemblyAI transcripts (GET /v2/transcript/{id}). `utterances` (speaker_labels
 * or multichannel) with speaker letters and millisecond times; without them, the
 * top-level `words` grouped by speaker. Diarized: the first to talk is the agent;
 * multichannel: the lowest channel is the agent.
 */
import { finishCall, type RawCallSegment } from "./build";
import { UNLABELLED } from "./captions";
import { childPath, jsonReader, parseJson, type JsonObject } from "./json";
import { SpeakerBook } from "./speakers";
import type { ImportOptions, ImportResult } from "./types";
import { groupWords, type TimedWord } from "./words";

const read = jsonReader("assemblyai");

export function importAssemblyAi(text: string, options: ImportOptions = {}): ImportResult {
  const root = read.object(parseJson("assemblyai", text), "");
  if (typeof root.status === "string" && root.status !== "completed") {
    const reason = typeof root.error === "string" ? ` (${root.error})` : "";
    throw read.fail("status", `is "${root.status}"${reason}, not "completed": export the transcript once it has completed`);
  }
  const multichannel = root.multichannel === true;
  const book = new SpeakerBook("agent");
  const context = { format: "assemblyai" as const, book, options, warnings: [], units: "utterances" };

  let segments: RawCallSegment[];
  if (Array.isArray(root.utterances)) {
    segments = root.utterances.map((raw, index) => {
      const path = `utterances[${index}]`;
      const utterance = read.object(raw, path);
      const speaker = read.optionalString(utterance.speaker, `${path}.speaker`) ?? read.optionalString(utterance.channel, `${path}.channel`) ?? UNLABELLED;
      const startMs = read.milliseconds(utterance.start, `${path}.start`);
      const endMs = read.milliseconds(utterance.end, `${path}.end`);
      if (endMs < startMs) throw read.fail(`${path}.end`, `(${endMs}) is before start (${startMs})`);
      const words = Array.isArray(utterance.words) ? readWords(utterance.words, `${path}.words`, () => speaker) : [];
      return {
        speaker: book.add(speaker),
        startMs,
        endMs,
        text: read.optionalString(utterance.text, `${path}.text`) ?? words.map((word) => word.text).join(" "),
        words: words.map((word) => ({ startMs: word.startMs, endMs: word.endMs, text: word.text })),
      };
    });
  } else if (Array.isArray(root.words)) {
    context.units = "words";
    segments = groupWords(
      readWords(root.words, "words", (word, path) => book.add(read.optionalString(word.speaker, `${path}.speaker`) ?? UNLABELLED)),
    );
  } else {
    throw read.fail("utterances", "is missing, and so is words: request the transcript with speaker_labels or export its words");
  }

  if (multichannel) {
    const labels = [...new Set(segments.map((segment) => segment.speaker))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    labels.forEach((label, index) => book.add(label, { role: index === 0 ? "agent" : "customer" }));
  }
  return finishCall(context, segments);
}

function readWords(list: unknown[], base: string, speakerOf: (word: JsonObject, path: string) => string): TimedWord[] {
  return list.map((raw, index) => {
    const path = childPath(base, index);
    const word = read.object(raw, path);
    const startMs = read.milliseconds(word.start, `${path}.start`);
    const endMs = read.milliseconds(word.end, `${path}.end`);
    if (endMs < startMs) throw read.fail(`${path}.end`, `(${endMs}) is before start (${startMs})`);
    return { speaker: speakerOf(word, path), startMs, endMs, text: read.string(word.text, `${path}.text`) };
  });
}
