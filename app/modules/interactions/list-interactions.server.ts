import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { scopeInteractions } from "../users/scope.server";

export interface InteractionListItem {
  id: string;
  channel: "call" | "chat" | "email";
  startedAt: Date;
  durationMs: number;
  agentName: string;
  teamName: string | null;
  queue: string | null;
  customerName: string | null;
  tags: string[];
  status: "processing" | "ready" | "failed";
  summary: string | null;
}

export interface InteractionListQuery {
  channel?: "call" | "chat" | "email";
  /** Keyset cursor: the (started_at, id) of the last row on the previous page. */
  before?: { startedAt: Date; id: string };
  limit: number;
}

/** The viewer's interactions, newest first, keyset-paged on (started_at, id). */
export async function listInteractions(
  db: Database,
  viewer: Viewer,
  query: InteractionListQuery,
): Promise<{ items: InteractionListItem[]; next: { startedAt: Date; id: string } | null }> {
  let q = scopeInteractions(db.selectFrom("interactions"), viewer)
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .leftJoin("teams", "teams.id", "interactions.team_id")
    .select([
      "interactions.id",
      "interactions.channel",
      "interactions.started_at",
      "interactions.duration_ms",
      "interactions.queue",
      "interactions.customer_name",
      "interactions.tags",
      "interactions.status",
      "interactions.metadata",
      "agent.name as agent_name",
      "teams.name as team_name",
    ])
    .orderBy("interactions.started_at", "desc")
    .orderBy("interactions.id", "desc")
    .limit(query.limit + 1);
  if (query.channel) q = q.where("interactions.channel", "=", query.channel);
  const before = query.before;
  if (before) {
    q = q.where((eb) =>
      eb(eb.refTuple("interactions.started_at", "interactions.id"), "<", eb.tuple(before.startedAt, before.id)),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      channel: row.channel as InteractionListItem["channel"],
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      agentName: row.agent_name,
      teamName: row.team_name,
      queue: row.queue,
      customerName: row.customer_name,
      tags: row.tags,
      status: row.status as InteractionListItem["status"],
      summary: summaryOf(row.metadata),
    })),
    next: rows.length > query.limit && last ? { startedAt: last.started_at, id: last.id } : null,
  };
}

function summaryOf(metadata: unknown): string | null {
  if (metadata && typeof metadata === "object" && "summary" in metadata && typeof metadata.summary === "string") {
    return metadata.summary;
  }
  return null;
}

export async function countInteractionsSince(db: Database, viewer: Viewer, since: Date) {
  const row = await scopeInteractions(db.selectFrom("interactions"), viewer)
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("interactions.id").filterWhere("interactions.channel", "=", "call").as("calls"),
      eb.fn.count<number>("interactions.id").filterWhere("interactions.channel", "=", "chat").as("chats"),
    ])
    .where("interactions.started_at", ">=", since)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), calls: Number(row.calls), chats: Number(row.chats) };
}
