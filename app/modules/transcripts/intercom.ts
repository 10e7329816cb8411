/**
 * Intercom conversations (REST API 2.x, GET /conversations/{id}): the opening
 * message in `source`, replies in `conversation_parts.conversation_parts[]`.
 * Authors: user/lead/contact → customer, admin/bot/team → agent. HTML bodies become
 * plain text. Parts without a body (assignments, state changes) are events, and
 * notes are internal: both are skipped. A search/list response holding exactly one
 * conversation is accepted.
 */
import { finishChat, toIsoInstant, type RawChatSegment } from "./build";
import { htmlToText } from "./html";
import { describeValue, isObject, jsonReader, parseJson, type JsonObject } from "./json";
import { SpeakerBook } from "./speakers";
import type { SpeakerRole } from "./transcript";
import type { ImportOptions, ImportResult } from "./types";

const read = jsonReader("intercom");

const roleByAuthorType: Record<string, SpeakerRole> = {
  user: "customer",
  lead: "customer",
  contact: "customer",
  admin: "agent",
  bot: "agent",
  team: "agent",
};

export function importIntercom(text: string, options: ImportOptions = {}): ImportResult {
  let root = read.object(parseJson("intercom", text), "");
  let base = "";
  const warnings: string[] = [];
  if (root.type === "conversation.list" || (Array.isArray(root.conversations) && root.source === undefined)) {
    const list = read.array(root.conversations, "conversations");
    if (list.length !== 1) throw read.fail("conversations", `holds ${list.length} conversations: import one conversation per file`);
    root = read.object(list[0], "conversations[0]");
    base = "conversations[0].";
  }
  const book = new SpeakerBook("customer");
  const segments: RawChatSegment[] = [];

  const source = read.object(root.source, `${base}source`);
  const opening = message(source, `${base}source`, root.created_at, `${base}created_at`, book);
  if (opening) segments.push(opening);

  const partsList = isObject(root.conversation_parts) ? root.conversation_parts : undefined;
  if (!partsList) {
    warnings.push("The conversation has no conversation_parts (list and search responses leave them out): only the opening message was imported.");
  }
  let notes = 0;
  let events = 0;
  const parts = partsList ? read.array(partsList.conversation_parts, `${base}conversation_parts.conversation_parts`) : [];
  parts.forEach((raw, index) => {
    const path = `${base}conversation_parts.conversation_parts[${index}]`;
    const part = read.object(raw, path);
    if (typeof part.part_type === "string" && part.part_type.includes("note")) return void notes++;
    const segment = message(part, path, part.created_at, `${path}.created_at`, book);
    if (segment) segments.push(segment);
    else events++;
  });
  if (notes > 0) warnings.push(`Skipped ${notes} internal note${notes === 1 ? "" : "s"}.`);
  if (events > 0) warnings.push(`Skipped ${events} part${events === 1 ? "" : "s"} without a message (assignments, state changes).`);

  const channel = options.channel ?? (source.type === "email" ? "email" : "chat");
  return finishChat({ format: "intercom", book, options, warnings, units: "messages" }, channel, segments);
}

/** A message from a source or part; undefined when it has no body. */
function message(item: JsonObject, path: string, createdAt: unknown, createdPath: string, book: SpeakerBook): RawChatSegment | undefined {
  if (item.body === null || item.body === undefined) return undefined;
  const body = htmlToText(read.string(item.body, `${path}.body`));
  if (body === "") return undefined;
  const author = read.object(item.author, `${path}.author`);
  const type = read.string(author.type, `${path}.author.type`);
  const role = roleByAuthorType[type];
  if (!role) throw read.fail(`${path}.author.type`, `is "${type}", expected one of ${Object.keys(roleByAuthorType).join(", ")}`);
  const label = read.optionalString(author.id, `${path}.author.id`) ?? type;
  const name = typeof author.name === "string" && author.name.trim() !== "" ? author.name.trim() : undefined;
  const at = toIsoInstant(createdAt);
  if (!at) throw createdAt === undefined || createdAt === null ? read.fail(createdPath, "is missing") : read.fail(createdPath, `is not a date: ${describeValue(createdAt)}`);
  book.add(label, { role, ...(name ? { name } : {}) });
  return { speaker: label, at, text: body };
}
