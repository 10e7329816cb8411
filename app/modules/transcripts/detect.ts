/**
 * Which format a file is, from its content first and its extension second: an
 * upload named .txt holding WebVTT is WebVTT, a .json from Deepgram is Deepgram.
 */
import { findKey } from "./chat-rows";
import { findMessages } from "./chat-json";
import { sniffDelimiter } from "./chat-csv";
import { isObject, type JsonObject } from "./json";
import { normalizeText } from "./text";
import type { TranscriptFormat } from "./types";

const srtTiming = /^\d{1,3}:\d{2}:\d{2}[,.]\d{3}[ \t]+-->[ \t]+\d{1,3}:\d{2}:\d{2}[,.]\d{3}/;
const vttTiming = /^(\d{2,}:)?\d{2}:\d{2}\.\d{3}[ \t]+-->/;

export function detectFormat(fileName: string, text: string): TranscriptFormat | null {
  const content = normalizeText(text).trimStart();
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";

  if (/^WEBVTT([ \t\n]|$)/.test(content)) return "webvtt";
  if (content.startsWith("{") || content.startsWith("[")) {
    try {
      return detectJson(JSON.parse(content));
    } catch {
      return null; // not JSON after all; importTranscript reports where it breaks
    }
  }
  const lines = content.split("\n", 3).map((line) => line.trim());
  const [first = "", second = ""] = lines;
  if ((/^\d+$/.test(first) && srtTiming.test(second)) || srtTiming.test(first)) return "srt";
  if (vttTiming.test(first) || vttTiming.test(second)) return extension === "srt" ? "srt" : "webvtt";
  if (looksLikeChatHeader(first)) return "chat-csv";

  const byExtension: Record<string, TranscriptFormat> = { vtt: "webvtt", webvtt: "webvtt", srt: "srt", csv: "chat-csv", tsv: "chat-csv" };
  return byExtension[extension] ?? null;
}

function looksLikeChatHeader(line: string): boolean {
  const names = line.split(sniffDelimiter(line)).map((name) => name.trim().replace(/^"|"$/g, ""));
  if (names.length < 2) return false;
  return (findKey(names, "speaker") !== undefined || findKey(names, "role") !== undefined) && findKey(names, "text") !== undefined;
}

/** The format of parsed JSON, or null. Order matters: the most specific shapes first. */
export function detectJson(value: unknown): TranscriptFormat | null {
  if (Array.isArray(value)) return looksLikeChatRows(value) ? "chat-json" : null;
  if (!isObject(value)) return null;
  if (value.version === 1 && typeof value.channel === "string" && Array.isArray(value.segments) && Array.isArray(value.speakers)) {
    return "canonical";
  }
  const results = isObject(value.results) ? value.results : undefined;
  if (results && (Array.isArray(results.items) || isObject(results.channel_labels) || isObject(results.speaker_labels) || Array.isArray(results.transcripts))) {
    return "aws-transcribe";
  }
  if (results && (Array.isArray(results.channels) || Array.isArray(results.utterances))) return "deepgram";
  if (Array.isArray(value.Transcript)) return "aws-contact-lens";
  const utterance: unknown = Array.isArray(value.utterances) ? value.utterances[0] : undefined;
  const timed = isObject(utterance) && typeof utterance.start === "number" && typeof utterance.end === "number";
  if (timed || (value.utterances === null && ("words" in value || "audio_duration" in value))) return "assemblyai";
  if (Array.isArray(value.comments) || (isObject(value.ticket) && "requester_id" in value.ticket)) return "zendesk";
  if (value.type === "conversation" || value.type === "conversation.list" || isObject(value.conversation_parts)) return "intercom";
  if (isObject(value.source) && isObject(value.source.author)) return "intercom";
  if (looksLikeWhisper(value)) return "whisper";
  const messages = findMessages(value);
  if (messages && looksLikeChatRows(messages.rows)) return "chat-json";
  return null;
}

function looksLikeWhisper(value: JsonObject): boolean {
  const first: unknown = Array.isArray(value.segments) ? value.segments[0] : undefined;
  if (isObject(first)) return "start" in first && "end" in first && "text" in first;
  return typeof value.text === "string" && ("language" in value || "task" in value || "duration" in value);
}

function looksLikeChatRows(rows: unknown[]): boolean {
  const first = rows[0];
  if (Array.isArray(first)) return typeof first[0] === "string" && typeof first[1] === "string";
  if (!isObject(first)) return false;
  if (findMessages(first)) return true; // several conversations: the chat importer says so
  const keys = Object.keys(first);
  const speakerish = findKey(keys, "speaker") !== undefined || findKey(keys, "role") !== undefined;
  return speakerish && findKey(keys, "text") !== undefined;
}
