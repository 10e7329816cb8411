import { DomainError } from "../../lib/errors";
import { can } from "../access/permissions";
import type { Viewer } from "../users/roles";
import { requireApiViewer } from "./authenticate-request.server";

/**
 * The token's user for the coaching API: the coached agent (their own plans and sessions), their
 * supervisors, QA leads and admins (coaching:oversee). A QA specialist coaches nobody and sees no
 * coaching on the pages, so their token is refused (403) rather than answered with empty lists.
 */
export async function requireCoachingApiViewer(request: Request): Promise<Viewer> {
  const viewer = await requireApiViewer(request, "api-tokens:hold");
  if (viewer.role !== "agent" && !can(viewer, "coaching:oversee")) {
    throw new DomainError("forbidden", "Coaching is read by the coached agent, their supervisors, QA leads and admins.");
  }
  return viewer;
}
