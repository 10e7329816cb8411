/**
 * Deepgram pre-recorded responses. `results.utterances` (utterances=true) when
 * present, else each channel's first alternative's words grouped by speaker.
 * Multichannel: the channel index is the speaker (channel_0 the agent); diarized
 * mono: speaker_N, the first to talk is the agent; neither: one speaker.
 */
import { finishCall, type RawCallSegment, type Word } from "./build";
import { UNLABELLED } from "./captions";
import { childPath, isObject, jsonReader, parseJson, type JsonObject } from "./json";
import { SpeakerBook } from "./speakers";
import type { ImportOptions, ImportResult } from "./types";
import { groupWords, groupWordsPerSpeaker, type TimedWord } from "./words";

const read = jsonReader("deepgram");

export function importDeepgram(text: string, options: ImportOptions = {}): ImportResult {
  const root = read.object(parseJson("deepgram", text), "");
  const results = read.object(root.results, "results");
  const metadata = isObject(root.metadata) ? root.metadata : {};
  const channelCount = Math.max(typeof metadata.channels === "number" ? metadata.channels : 1, Array.isArray(results.channels) ? results.channels.length : 1);
  const multichannel = channelCount > 1;
  const book = new SpeakerBook("agent");
  const context = { format: "deepgram" as const, book, options, warnings: [], units: "utterances" };

  const labelFor = (channel: number, speaker: unknown): string => {
    if (multichannel) return book.add(`channel_${channel}`, { role: channel === 0 ? "agent" : "customer" });
    return book.add(typeof speaker === "number" ? `speaker_${speaker}` : UNLABELLED);
  };

  if (Array.isArray(results.utterances)) {
    const segments = results.utterances.map((raw, index): RawCallSegment => {
      const path = `results.utterances[${index}]`;
      const utterance = read.object(raw, path);
      const channel = read.optionalNumber(utterance.channel, `${path}.channel`) ?? 0;
      const startMs = read.seconds(utterance.start, `${path}.start`);
      const endMs = read.seconds(utterance.end, `${path}.end`);
      if (endMs < startMs) throw read.fail(`${path}.end`, "is before its start");
      const words = Array.isArray(utterance.words) ? readWords(utterance.words, `${path}.words`, () => "") : [];
      return {
        speaker: labelFor(channel, utterance.speaker),
        startMs,
        endMs,
        text: read.optionalString(utterance.transcript, `${path}.transcript`) ?? words.map((word) => word.text).join(" "),
        words: words.map(({ startMs: s, endMs: e, text: t }): Word => ({ startMs: s, endMs: e, text: t })),
      };
    });
    return finishCall(context, segments);
  }

  const channels = read.array(results.channels, "results.channels");
  const words = channels.flatMap((raw, channel) => {
    const path = `results.channels[${channel}].alternatives`;
    const alternatives = read.array(read.object(raw, `results.channels[${channel}]`).alternatives, path);
    const best = read.object(alternatives[0], `${path}[0]`);
    return readWords(read.array(best.words, `${path}[0].words`), `${path}[0].words`, (word) => labelFor(channel, word.speaker));
  });
  return finishCall({ ...context, units: "words" }, multichannel ? groupWordsPerSpeaker(words) : groupWords(words));
}

function readWords(list: unknown[], base: string, speakerOf: (word: JsonObject) => string): TimedWord[] {
  return list.map((raw, index) => {
    const path = childPath(base, index);
    const word = read.object(raw, path);
    const startMs = read.seconds(word.start, `${path}.start`);
    const endMs = read.seconds(word.end, `${path}.end`);
    if (endMs < startMs) throw read.fail(`${path}.end`, "is before its start");
    const text = read.optionalString(word.punctuated_word, `${path}.punctuated_word`) ?? read.string(word.word, `${path}.word`);
    return { speaker: speakerOf(word), startMs, endMs, text };
  });
}
