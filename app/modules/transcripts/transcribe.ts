/**
 * Amazon Transcribe batch output. Segments are built from `results.items`
 * (pronunciations with times, punctuation attached to the word before it):
 * - channel identification (`channel_labels`): each channel is one speaker, ch_0 the agent;
 * - speaker diarization (`speaker_labels`): spk_N, the first to talk is the agent;
 *   items carry `speaker_label` in current output, older output only lists them
 *   under `speaker_labels.segments[].items`, matched here by start time;
 * - neither: one speaker.
 */
import { finishCall } from "./build";
import { UNLABELLED } from "./captions";
import { childPath, isObject, jsonReader, parseJson, type JsonObject } from "./json";
import { SpeakerBook } from "./speakers";
import type { ImportOptions, ImportResult } from "./types";
import { groupWords, groupWordsPerSpeaker, type TimedWord } from "./words";

const read = jsonReader("aws-transcribe");

export function importTranscribe(text: string, options: ImportOptions = {}): ImportResult {
  const root = read.object(parseJson("aws-transcribe", text), "");
  if (typeof root.status === "string" && root.status !== "COMPLETED") throw read.fail("status", `is "${root.status}", not "COMPLETED"`);
  const results = read.object(root.results, "results");
  const book = new SpeakerBook("agent");
  const warnings: string[] = [];
  const context = { format: "aws-transcribe" as const, book, options, warnings, units: "words" };

  const channelLabels = isObject(results.channel_labels) ? results.channel_labels : undefined;
  if (channelLabels && Array.isArray(channelLabels.channels)) {
    // Each channel lists its own items, punctuation included; the top-level list may lack channel labels.
    const words = channelLabels.channels.flatMap((channel, index) => {
      const path = `results.channel_labels.channels[${index}]`;
      const label = read.string(read.object(channel, path).channel_label, `${path}.channel_label`);
      book.add(label, { role: /^ch_0$/.test(label) ? "agent" : "customer" });
      return itemsToWords(read.array(read.object(channel, path).items, `${path}.items`), `${path}.items`, () => label);
    });
    return finishCall(context, groupWordsPerSpeaker(words));
  }

  const items = read.array(results.items, "results.items");
  const speakerLabels = isObject(results.speaker_labels) ? results.speaker_labels : undefined;
  if (speakerLabels) {
    const byStart = speakersByStartTime(speakerLabels);
    const words = itemsToWords(items, "results.items", (item, path) => {
      const label = typeof item.speaker_label === "string" ? item.speaker_label : byStart.get(String(item.start_time));
      if (!label) throw read.fail(`${path}.speaker_label`, "is missing and no speaker_labels segment has that start_time");
      return book.add(label);
    });
    return finishCall(context, groupWords(words));
  }

  book.add(UNLABELLED);
  return finishCall(context, groupWords(itemsToWords(items, "results.items", () => UNLABELLED)));
}

function speakersByStartTime(speakerLabels: JsonObject): Map<string, string> {
  const byStart = new Map<string, string>();
  const segments = Array.isArray(speakerLabels.segments) ? speakerLabels.segments : [];
  for (const segment of segments) {
    if (!isObject(segment) || !Array.isArray(segment.items)) continue;
    for (const item of segment.items) {
      if (isObject(item) && typeof item.speaker_label === "string") byStart.set(String(item.start_time), item.speaker_label);
    }
  }
  return byStart;
}

/** Pronunciations become words; punctuation joins the word before it (a leading one is dropped). */
function itemsToWords(items: unknown[], base: string, speakerOf: (item: JsonObject, path: string) => string): TimedWord[] {
  const words: TimedWord[] = [];
  items.forEach((raw, index) => {
    const path = childPath(base, index);
    const item = read.object(raw, path);
    const type = read.string(item.type, `${path}.type`);
    const alternatives = read.array(item.alternatives, `${path}.alternatives`);
    const content = read.string(read.object(alternatives[0], `${path}.alternatives[0]`).content, `${path}.alternatives[0].content`);
    if (type === "punctuation") {
      const previous = words.at(-1);
      if (previous) previous.text += content;
      return;
    }
    if (type !== "pronunciation") throw read.fail(`${path}.type`, `is "${type}", expected "pronunciation" or "punctuation"`);
    const startMs = read.seconds(item.start_time, `${path}.start_time`);
    const endMs = read.seconds(item.end_time, `${path}.end_time`);
    if (endMs < startMs) throw read.fail(`${path}.end_time`, `(${String(item.end_time)}) is before start_time (${String(item.start_time)})`);
    words.push({ speaker: speakerOf(item, path), startMs, endMs, text: content });
  });
  return words;
}
