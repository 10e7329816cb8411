import type { Selectable, SelectQueryBuilder } from "kysely";
import type { DB, Interactions } from "../../../db/types.generated";

/**
 * An interaction as every list shows it: what it is, who handled it, in which team. The UI's
 * list (list-interactions.server.ts) and the API's reads (api/interaction-json.server.ts)
 * select and map it here, once; each adds what only it shows.
 */
export interface InteractionSummary {
  id: string;
  channel: "call" | "chat" | "email";
  source: string;
  externalId: string;
  startedAt: Date;
  durationMs: number;
  direction: "inbound" | "outbound" | null;
  queue: string | null;
  tags: string[];
  customerName: string | null;
  agent: { id: string; name: string; email: string };
  team: { id: string; name: string } | null;
  status: "processing" | "ready" | "failed";
  metadata: Record<string, unknown>;
  /** The customer's survey answer (docs/decisions/0029), with its percentage of the scale; null when none. */
  csat: { score: number; scale: string; percent: number } | null;
  createdAt: Date;
}

type InteractionColumns = Pick<
  Selectable<Interactions>,
  | "id"
  | "channel"
  | "source"
  | "external_id"
  | "started_at"
  | "duration_ms"
  | "direction"
  | "queue"
  | "tags"
  | "customer_name"
  | "status"
  | "metadata"
  | "csat_score"
  | "csat_scale"
  | "csat_percent"
  | "created_at"
  | "agent_id"
  | "team_id"
>;
export type InteractionSummaryRow = InteractionColumns & { agent_name: string; agent_email: string; team_name: string | null };

/** Joins a query over `interactions` (already scoped by the caller) to agent and team and selects the summary's columns. */
export function selectInteractionSummary<O>(query: SelectQueryBuilder<DB, "interactions", O>) {
  return query
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
      "interactions.csat_score",
      "interactions.csat_scale",
      "interactions.csat_percent",
      "interactions.created_at",
      "interactions.agent_id",
      "agent.name as agent_name",
      "agent.email as agent_email",
      "interactions.team_id",
      "teams.name as team_name",
    ]);
}

export function toInteractionSummary(row: InteractionSummaryRow): InteractionSummary {
  return {
    id: row.id,
    channel: row.channel as InteractionSummary["channel"],
    source: row.source,
    externalId: row.external_id,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    direction: row.direction as InteractionSummary["direction"],
    queue: row.queue,
    tags: row.tags,
    customerName: row.customer_name,
    agent: { id: row.agent_id, name: row.agent_name, email: row.agent_email },
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    status: row.status as InteractionSummary["status"],
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    csat: row.csat_score !== null && row.csat_scale !== null ? { score: row.csat_score, scale: row.csat_scale, percent: Number(row.csat_percent) } : null,
    createdAt: row.created_at,
  };
}
