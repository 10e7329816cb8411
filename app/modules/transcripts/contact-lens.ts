/**
 * Amazon Connect Contact Lens output (and Transcribe Call Analytics, same shape):
 * a `Transcript` array. Chat: MESSAGE items with AbsoluteTime (EVENT items such as
 * joins are skipped). Voice: items with BeginOffsetMillis/EndOffsetMillis, words
 * from `Items` when present. AGENT and SYSTEM (contact-flow messages) are agent-side.
 */
import type { SpeakerRole } from "./transcript";
import { finishCall, finishChat, toIsoInstant, type RawCallSegment, type RawChatSegment, type Word } from "./build";
import { childPath, describeValue, isObject, jsonReader, parseJson, type JsonObject } from "./json";
import { SpeakerBook } from "./speakers";
import type { ImportOptions, ImportResult } from "./types";

const read = jsonReader("aws-contact-lens");

function roleOf(value: string): SpeakerRole {
  return value.toUpperCase() === "CUSTOMER" ? "customer" : "agent";
}

export function importContactLens(text: string, options: ImportOptions = {}): ImportResult {
  const root = read.object(parseJson("aws-contact-lens", text), "");
  const items = read.array(root.Transcript, "Transcript");
  const isChat = root.Channel === "CHAT" || items.some((item) => isObject(item) && item.AbsoluteTime !== undefined);
  const book = new SpeakerBook(isChat ? "customer" : "agent");
  const warnings: string[] = [];

  const speakerOf = (item: JsonObject, path: string) => {
    const role = read.optionalString(item.ParticipantRole, `${path}.ParticipantRole`);
    const id = read.optionalString(item.ParticipantId, `${path}.ParticipantId`);
    const label = id ?? role;
    if (!label) throw read.fail(`${path}.ParticipantId`, "is missing (and so is ParticipantRole)");
    const name = typeof item.DisplayName === "string" && item.DisplayName.trim() !== "" ? item.DisplayName : undefined;
    return book.add(label, { role: roleOf(role ?? label), ...(name ? { name } : {}) });
  };

  if (isChat) {
    const segments: RawChatSegment[] = [];
    items.forEach((raw, index) => {
      const path = `Transcript[${index}]`;
      const item = read.object(raw, path);
      if (item.Type !== undefined && item.Type !== "MESSAGE") return;
      const at = toIsoInstant(item.AbsoluteTime);
      if (!at) throw item.AbsoluteTime === undefined ? read.fail(`${path}.AbsoluteTime`, "is missing") : read.fail(`${path}.AbsoluteTime`, `is not a date: ${describeValue(item.AbsoluteTime)}`);
      segments.push({ speaker: speakerOf(item, path), at, text: read.optionalString(item.Content, `${path}.Content`)?.trim() ?? "" });
    });
    return finishChat({ format: "aws-contact-lens", book, options, warnings, units: "messages" }, options.channel ?? "chat", segments);
  }

  const segments = items.map((raw, index): RawCallSegment => {
    const path = `Transcript[${index}]`;
    const item = read.object(raw, path);
    const startMs = read.milliseconds(item.BeginOffsetMillis, `${path}.BeginOffsetMillis`);
    const endMs = read.milliseconds(item.EndOffsetMillis, `${path}.EndOffsetMillis`);
    if (endMs < startMs) throw read.fail(`${path}.EndOffsetMillis`, `(${endMs}) is before BeginOffsetMillis (${startMs})`);
    const words = Array.isArray(item.Items) ? readWords(item.Items, `${path}.Items`) : [];
    return { speaker: speakerOf(item, path), startMs, endMs, text: read.string(item.Content, `${path}.Content`).trim(), words };
  });
  return finishCall({ format: "aws-contact-lens", book, options, warnings, units: "transcript items" }, segments);
}

function readWords(list: unknown[], base: string): Word[] {
  const words: Word[] = [];
  list.forEach((raw, index) => {
    const path = childPath(base, index);
    const item = read.object(raw, path);
    const content = read.string(item.Content, `${path}.Content`);
    const previous = words.at(-1);
    if (item.Type === "punctuation") {
      if (previous) previous.text += content;
      return;
    }
    words.push({ startMs: read.milliseconds(item.BeginOffsetMillis, `${path}.BeginOffsetMillis`), endMs: read.milliseconds(item.EndOffsetMillis, `${path}.EndOffsetMillis`), text: content });
  });
  return words;
}
