import type { RawBuilder } from "kysely";
import type { Viewer } from "../users/roles";
import { rowsInInteractionScope } from "./scoped-rows.server";

/**
 * The scope of the customer roll-ups (rollup_customer_daily, rollup_customer_team_daily;
 * docs/decisions/0029): the interaction scope, as a condition over a roll-up with team_id and
 * agent_id. Unlike the quality rows there is no "released" to wait for — CSAT and handling time
 * are the customer's and the phone system's, not a reviewer's — so an agent sees those of their
 * own conversations, as they see the conversations themselves.
 */
export function customerRowsVisibleTo(viewer: Viewer, alias: string): RawBuilder<boolean> {
  return rowsInInteractionScope(viewer, alias);
}
