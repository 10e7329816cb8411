import type { Database } from "../../lib/db.server";
import { can } from "../access/permissions";
import { listPublishedScorecards, type ScorecardOption } from "../scorecards/list-published-scorecards.server";
import type { Viewer } from "../users/roles";

/**
 * What the viewer may score this interaction with ("Score this interaction"), or null when
 * they may not score it at all: their role does not review, or it is their own conversation.
 * The caller has already found the interaction in the viewer's scope.
 */
export async function scorecardsToScore(db: Database, viewer: Viewer, interactionId: string): Promise<ScorecardOption[] | null> {
  if (!can(viewer, "reviews:work")) return null;
  const own = await db.selectFrom("interactions").select("id").where("id", "=", interactionId).where("agent_id", "=", viewer.id).executeTakeFirst();
  if (own) return null;
  return listPublishedScorecards(db);
}
