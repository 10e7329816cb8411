import type { Database } from "../../lib/db.server";
import { can } from "../access/permissions";
import type { Viewer } from "../users/roles";
import { listPublishedScorecards, type ScorecardOption } from "../scorecards/list-published-scorecards.server";
import { listInteractionAssignments, type InteractionAssignment } from "./list-interaction-assignments.server";
import { listReviewers, type PersonOption } from "./list-reviewers.server";

export interface AssignmentOptions {
  scorecards: ScorecardOption[];
  reviewers: PersonOption[];
  assignments: InteractionAssignment[];
}

/**
 * What "Assign for review" on the interaction page offers: the published scorecards, the
 * active reviewers, and the interaction's assignments so far; null for a viewer who does not
 * assign work (`assignments:manage`), whose page has no such panel. Assigning itself is
 * checked again by assignInteraction. The interaction's assignments go through the viewer's
 * assignment scope, so an interaction they may not see has none.
 */
export async function assignmentOptions(db: Database, viewer: Viewer, interactionId: string, { now = new Date() }: { now?: Date } = {}): Promise<AssignmentOptions | null> {
  if (!can(viewer, "assignments:manage")) return null;
  const [scorecards, reviewers, assignments] = await Promise.all([
    listPublishedScorecards(db),
    listReviewers(db),
    listInteractionAssignments(db, viewer, interactionId, { now }),
  ]);
  return { scorecards, reviewers, assignments };
}
