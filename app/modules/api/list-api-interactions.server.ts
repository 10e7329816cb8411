import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { DomainError } from "../../lib/errors";
import type { InteractionSummaryJson, ListQuery } from "./api.schema";
import { scopedInteractionQuery, toSummaryJson } from "./interaction-json.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The viewer's interactions, newest first, keyset-paged on (started_at, id) so deep
 * pages cost the same as the first (no OFFSET). Filters: channel, agent (email or
 * id), and a started_at window [from, to).
 */
export async function listApiInteractions(
  db: Database,
  viewer: Viewer,
  query: ListQuery,
): Promise<{ items: InteractionSummaryJson[]; nextCursor: string | null }> {
  const before = query.cursor ? decodeCursor(query.cursor) : null;
  let agentId: string | null = null;
  if (query.agent) {
    agentId = await findUserId(db, query.agent);
    // An unknown agent matches nothing, the same as one outside the viewer's scope.
    if (!agentId) return { items: [], nextCursor: null };
  }
  let q = scopedInteractionQuery(db, viewer)
    .orderBy("interactions.started_at", "desc")
    .orderBy("interactions.id", "desc")
    .limit(query.limit + 1);
  if (query.channel) q = q.where("interactions.channel", "=", query.channel);
  if (agentId) q = q.where("interactions.agent_id", "=", agentId);
  if (query.from) q = q.where("interactions.started_at", ">=", new Date(query.from));
  if (query.to) q = q.where("interactions.started_at", "<", new Date(query.to));
  if (before) {
    q = q.where((eb) => eb(eb.refTuple("interactions.started_at", "interactions.id"), "<", eb.tuple(before.startedAt, before.id)));
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummaryJson),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.started_at, last.id) : null,
  };
}

export async function findUserId(db: Database, agent: string): Promise<string | null> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where((eb) => (UUID.test(agent) ? eb("id", "=", agent) : eb(eb.fn("lower", ["email"]), "=", agent.toLowerCase())))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Opaque to clients: base64url of "<started_at ISO>|<id>" of the last row of the page. */
export function encodeCursor(startedAt: Date, id: string): string {
  return Buffer.from(`${startedAt.toISOString()}|${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const startedAt = new Date(time ?? "");
  if (!id || !UUID.test(id) || Number.isNaN(startedAt.getTime())) {
    throw new DomainError("invalid", "cursor is not one this API gave out: pass nextCursor from the previous page unchanged.", {
      cursor: "Unknown cursor",
    });
  }
  return { startedAt, id };
}
