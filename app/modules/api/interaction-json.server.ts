import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { scopeInteractions } from "../access/interaction-scope.server";
import { selectInteractionSummary, toInteractionSummary, type InteractionSummaryRow } from "../interactions/interaction-summary.server";
import type { InteractionSummaryJson } from "./api.schema";

/**
 * The viewer's interactions joined with agent and team, as the API shows them. Every
 * API read starts here, so the scope (docs/architecture.md: all / their teams / their own) is
 * applied in the query and an interaction outside it is simply absent. The columns and their
 * mapping are the UI list's too (interactions/interaction-summary.server.ts).
 */
export function scopedInteractionQuery(db: Database, viewer: Viewer) {
  return selectInteractionSummary(scopeInteractions(db.selectFrom("interactions"), viewer));
}

/** The summary as JSON: instants as ISO strings. */
export function toSummaryJson(row: InteractionSummaryRow): InteractionSummaryJson {
  const interaction = toInteractionSummary(row);
  return { ...interaction, startedAt: interaction.startedAt.toISOString(), createdAt: interaction.createdAt.toISOString() };
}
