/**
 * A chat as JSON: an array of messages, or an object holding one under a common
 * name (messages, turns, transcript…). A message is an object with flexible field
 * names (see chat-rows.ts) or a `[speaker, text]` pair. One conversation per file.
 */
import { chatRowsToTranscript, findKey, type ChatRowInput } from "./chat-rows";
import { childPath, describeValue, isObject, jsonReader, parseJson } from "./json";
import type { ImportOptions, ImportResult } from "./types";

const read = jsonReader("chat-json");

/** Where a conversation object keeps its messages. */
export const messageContainers = ["messages", "turns", "rows", "transcript", "conversation", "utterances", "original", "dialogue", "chat", "entries"];

/** The messages array of a chat JSON value and its path, or undefined when there is none. */
export function findMessages(root: unknown): { rows: unknown[]; path: string } | undefined {
  if (Array.isArray(root)) return { rows: root, path: "" };
  if (!isObject(root)) return undefined;
  for (const key of messageContainers) {
    const value = root[key];
    if (Array.isArray(value)) return { rows: value, path: key };
  }
  return undefined;
}

export function importChatJson(text: string, options: ImportOptions = {}): ImportResult {
  const root = parseJson("chat-json", text);
  const found = findMessages(root);
  if (!found) {
    throw read.fail("", `has no messages: expected an array of messages, or an object with one of ${messageContainers.join(", ")}`);
  }
  const { rows, path } = found;
  const first = rows[0];
  if (isObject(first) && !findKey(Object.keys(first), "text") && findMessages(first)) {
    throw read.fail(path, `holds ${rows.length} conversations, each with its own messages: import one conversation per file`);
  }
  const inputs = rows.map((raw, index): ChatRowInput => {
    const rowPath = childPath(path, index);
    if (Array.isArray(raw)) {
      // ABCD-style [speaker, text], optionally [speaker, text, timestamp].
      const position = { speaker: 0, text: 1, timestamp: 2 } as const;
      return {
        fail: (field, why) => read.fail(childPath(rowPath, position[field]), why),
        speaker: raw[0],
        role: undefined,
        text: raw[1],
        time: raw[2],
      };
    }
    if (!isObject(raw)) throw read.fail(rowPath, `should be a message object, found ${describeValue(raw)}`);
    const keys = Object.keys(raw);
    const speakerKey = findKey(keys, "speaker") ?? findKey(keys, "role");
    const roleKey = findKey(keys, "role");
    const timeKey = findKey(keys, "time");
    const textKey = findKey(keys, "text");
    const actual = { speaker: speakerKey, text: textKey, timestamp: timeKey };
    return {
      fail: (field, why) => read.fail(childPath(rowPath, actual[field] ?? field), why),
      speaker: speakerKey === undefined ? undefined : raw[speakerKey],
      role: roleKey === undefined ? undefined : raw[roleKey],
      time: timeKey === undefined ? undefined : raw[timeKey],
      text: textKey === undefined ? undefined : raw[textKey],
    };
  });
  if (inputs.length === 0) throw read.fail(path, "is empty");
  return chatRowsToTranscript("chat-json", inputs, options, []);
}
