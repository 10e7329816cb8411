import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { scopeInteractions } from "../access/interaction-scope.server";
import type { InteractionSummaryJson } from "./api.schema";

/**
 * The viewer's interactions joined with agent and team, as the API shows them. Every
 * API read starts here, so the scope (docs/architecture.md: all / their teams / their own) is
 * applied in the query and an interaction outside it is simply absent.
 */
export function scopedInteractionQuery(db: Database, viewer: Viewer) {
  return scopeInteractions(db.selectFrom("interactions"), viewer)
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .leftJoin("teams", "teams.id", "interactions.team_id")
    .select([
      "interactions.id",
      "interactions.channel",
      "interactions.source",
      "interactions.external_id",
      "interactions.started_at",
      "interactions.duration_ms",
      "interactions.direction",
      "interactions.queue",
      "interactions.tags",
      "interactions.customer_name",
      "interactions.status",
      "interactions.metadata",
      "interactions.created_at",
      "interactions.agent_id",
      "agent.name as agent_name",
      "agent.email as agent_email",
      "interactions.team_id",
      "teams.name as team_name",
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof scopedInteractionQuery>["executeTakeFirstOrThrow"]>>;

export function toSummaryJson(row: SummaryRow): InteractionSummaryJson {
  return {
    id: row.id,
    channel: row.channel as InteractionSummaryJson["channel"],
    source: row.source,
    externalId: row.external_id,
    startedAt: row.started_at.toISOString(),
    durationMs: row.duration_ms,
    direction: row.direction as InteractionSummaryJson["direction"],
    queue: row.queue,
    tags: row.tags,
    customerName: row.customer_name,
    agent: { id: row.agent_id, name: row.agent_name, email: row.agent_email },
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    status: row.status as InteractionSummaryJson["status"],
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    createdAt: row.created_at.toISOString(),
  };
}
