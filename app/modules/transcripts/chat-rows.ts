/**
 * Rows of a chat (JSON or CSV) to a chat transcript: flexible field names, speaker
 * roles by name, timestamps as ISO 8601 or epoch, untimed chats via `startedAt`.
 */
import type { SpeakerRole } from "./transcript";
import { finishChat, toIsoInstant, type RawChatSegment } from "./build";
import { describeValue, isObject } from "./json";
import { roleFromName, SpeakerBook } from "./speakers";
import { fileError, type ImportError, type ImportOptions, type ImportResult, type TranscriptFormat } from "./types";

/** Accepted names per field, normalized (lower case, letters and digits only), in order of preference. */
export const fieldAliases = {
  speaker: ["speaker", "author", "from", "sender", "participant", "name", "user", "who", "speakername", "authorname", "sendername", "displayname"],
  role: ["role", "speakerrole", "authorrole", "senderrole", "participantrole", "authortype", "sendertype"],
  time: ["timestamp", "time", "at", "createdat", "date", "datetime", "sentat", "ts", "created", "absolutetime"],
  text: ["text", "message", "body", "content", "utterance", "msg", "plainbody"],
} as const;

export type ChatField = keyof typeof fieldAliases;

export const normalizeKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The key of `keys` that names `field`, by alias preference. */
export function findKey(keys: string[], field: ChatField): string | undefined {
  const byNormal = new Map(keys.map((key) => [normalizeKey(key), key]));
  for (const alias of fieldAliases[field]) {
    const key = byNormal.get(alias);
    if (key !== undefined) return key;
  }
  return undefined;
}

export interface ChatRowInput {
  /** An error for this row's field, named as the source names it (a JSON path or a CSV line and column). */
  fail: (field: "speaker" | "text" | "timestamp", why: string) => ImportError;
  speaker: unknown;
  role: unknown;
  time: unknown;
  text: unknown;
}

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

export function chatRowsToTranscript(format: TranscriptFormat, rows: ChatRowInput[], options: ImportOptions, warnings: string[]): ImportResult {
  const book = new SpeakerBook("customer");
  const untimed = rows.every((row) => !present(row.time));
  let fallbackAt: string | undefined;
  if (untimed && rows.length > 0) {
    if (options.startedAt === undefined) {
      throw rows[0]!.fail("timestamp", "is missing, and so is every other message's (timestamp, time, at or created_at): pass startedAt to import a chat without times");
    }
    fallbackAt = toIsoInstant(options.startedAt);
    if (!fallbackAt) throw fileError(format, `the startedAt option ${describeValue(options.startedAt)} is not an ISO 8601 instant`);
    warnings.push("The rows have no timestamps: every message is placed at startedAt, in file order.");
  }

  const segments = rows.map((row): RawChatSegment => {
    const { label, name, role } = speakerOf(row);
    let at = fallbackAt;
    if (!at) {
      if (!present(row.time)) throw row.fail("timestamp", "is missing (timestamp, time, at or created_at)");
      at = toIsoInstant(row.time);
      if (!at) throw row.fail("timestamp", `is not a date: ${describeValue(row.time)} (expected ISO 8601 or epoch seconds)`);
    }
    if (!present(row.text) && row.text !== "") throw row.fail("text", "is missing (text, message or body)");
    if (typeof row.text !== "string") throw row.fail("text", `should be a string, found ${describeValue(row.text)}`);
    book.add(label, { ...(name ? { name } : {}), ...(role ? { role } : {}) });
    return { speaker: label, at, text: row.text.trim() };
  });
  return finishChat({ format, book, options, warnings, units: "messages" }, options.channel ?? "chat", segments);
}

function speakerOf(row: ChatRowInput): { label: string; name?: string; role?: SpeakerRole } {
  let speaker = row.speaker;
  let roleValue = row.role;
  if (isObject(speaker)) {
    // { "author": { "name": "Dana", "role": "agent" } }
    roleValue ??= speaker.role ?? speaker.type;
    speaker = speaker.name ?? speaker.id ?? speaker.role ?? speaker.type;
  }
  const roleText = typeof roleValue === "string" ? roleValue.trim() : undefined;
  const label = typeof speaker === "string" || typeof speaker === "number" ? String(speaker).trim() : roleText;
  if (!label) {
    throw row.fail("speaker", present(speaker) ? `should be a name, found ${describeValue(speaker)}` : "is missing (speaker, role, author or from)");
  }
  const role = (roleText ? roleFromName(roleText) : undefined) ?? roleFromName(label);
  const name = roleFromName(label) ? undefined : label;
  return { label, ...(name ? { name } : {}), ...(role ? { role } : {}) };
}
