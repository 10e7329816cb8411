/**
 * Zendesk ticket comments: `{ comments: [...] }` as from
 * GET /api/v2/tickets/{id}/comments(.json?include=users), optionally with the
 * `ticket` and a `users` sideload. Roles: a sideloaded user's role (end-user →
 * customer, agent/admin → agent); else the ticket's requester is the customer;
 * else the first author is. Private comments (public: false) are internal notes
 * and are skipped. A bare ticket without comments imports its description as the
 * requester's first message.
 */
import { finishChat, toIsoInstant, type RawChatSegment } from "./build";
import { htmlToText } from "./html";
import { describeValue, isObject, jsonReader, parseJson, type JsonObject } from "./json";
import { SpeakerBook } from "./speakers";
import type { ImportOptions, ImportResult } from "./types";

const read = jsonReader("zendesk");

export function importZendesk(text: string, options: ImportOptions = {}): ImportResult {
  const root = read.object(parseJson("zendesk", text), "");
  const ticket = isObject(root.ticket) ? root.ticket : undefined;
  const requester = typeof ticket?.requester_id === "number" || typeof ticket?.requester_id === "string" ? String(ticket.requester_id) : undefined;
  const book = new SpeakerBook("customer");
  const warnings: string[] = [];
  addUsers(root, book);

  const add = (authorId: string) => book.add(authorId, requester === undefined ? {} : { role: authorId === requester ? "customer" : "agent" });
  const timeOf = (value: unknown, path: string) => {
    const at = toIsoInstant(value);
    if (!at) throw value === undefined || value === null ? read.fail(path, "is missing") : read.fail(path, `is not a date: ${describeValue(value)}`);
    return at;
  };

  const segments: RawChatSegment[] = [];
  const comments = Array.isArray(root.comments) ? root.comments : Array.isArray(ticket?.comments) ? ticket.comments : undefined;
  if (comments) {
    const base = Array.isArray(root.comments) ? "comments" : "ticket.comments";
    let internal = 0;
    comments.forEach((raw, index) => {
      const path = `${base}[${index}]`;
      const comment = read.object(raw, path);
      if (comment.public === false) return void internal++;
      const authorId = read.string(comment.author_id, `${path}.author_id`);
      segments.push({ speaker: add(authorId), at: timeOf(comment.created_at, `${path}.created_at`), text: bodyOf(comment, path) });
    });
    if (internal > 0) warnings.push(`Skipped ${internal} internal note${internal === 1 ? "" : "s"} (public: false).`);
  } else if (ticket) {
    if (requester === undefined) throw read.fail("ticket.requester_id", "is missing (and the file has no comments)");
    const description = read.string(ticket.description, "ticket.description");
    segments.push({ speaker: add(requester), at: timeOf(ticket.created_at, "ticket.created_at"), text: description.trim() });
    warnings.push("The file has no comments: imported the ticket description as the requester's first message. Export GET /api/v2/tickets/{id}/comments for the whole conversation.");
  } else {
    throw read.fail("comments", "is missing: expected { comments: [...] } from the ticket comments API");
  }
  return finishChat({ format: "zendesk", book, options, warnings, units: "public comments" }, options.channel ?? "email", segments);
}

function addUsers(root: JsonObject, book: SpeakerBook): void {
  if (root.users === undefined) return;
  read.array(root.users, "users").forEach((raw, index) => {
    const user = read.object(raw, `users[${index}]`);
    const id = read.string(user.id, `users[${index}].id`);
    const role = typeof user.role === "string" ? user.role : undefined;
    const name = typeof user.name === "string" && user.name.trim() !== "" ? user.name.trim() : undefined;
    book.add(id, { ...(name ? { name } : {}), ...(role ? { role: role === "end-user" ? "customer" : "agent" } : {}) });
  });
}

function bodyOf(comment: JsonObject, path: string): string {
  if (typeof comment.plain_body === "string") return comment.plain_body.trim();
  if (typeof comment.body === "string") return comment.body.trim();
  if (typeof comment.html_body === "string") return htmlToText(comment.html_body);
  throw read.fail(`${path}.body`, "is missing (and so are plain_body and html_body)");
}
