/**
 * Who reviews a plan's follow-up sampling (issue 15 §3): the organisation's active QA reviewers
 * (QA specialists and leads) unless a QA lead chose some of them. A supervisor coaches but does
 * not direct QA's work, so their follow-up always goes to the whole pool; a lead may narrow it
 * (say, to the reviewers who know the agent's queue). Every chosen reviewer must be one of the
 * pool — an agent, a supervisor, a deactivated reviewer or an unknown id is refused, naming the
 * field, before anything is written.
 */
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { forbidden } from "../access/refusals";
import { reviewerRoles } from "../assignments/reviewer-loads.server";
import type { Viewer } from "../users/roles";

export const MAX_FOLLOW_UP_REVIEWERS = 100;
const CHOOSE = "Choose reviewers among the organisation's QA reviewers";

/** The form's checkboxes (one id, several, or none) or the API's array. */
export const followUpReviewersSchema = z.object({
  reviewerIds: z.preprocess(
    (value: unknown): unknown => (value === undefined || value === "" ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.uuid({ error: CHOOSE }), { error: CHOOSE }).max(MAX_FOLLOW_UP_REVIEWERS, `Choose at most ${MAX_FOLLOW_UP_REVIEWERS} reviewers`),
  ),
});

/** Whether the viewer chooses the reviewers (the form shows the choice only then). */
export const choosesFollowUpReviewers = (viewer: Viewer) => viewer.role === "qa_lead";

/** The pool: active QA specialists and leads, by name. */
export async function listFollowUpReviewers(db: Database): Promise<{ id: string; name: string; role: string }[]> {
  return db.selectFrom("users").select(["id", "name", "role"]).where("active", "=", true).where("role", "in", reviewerRoles).orderBy("name").orderBy("id").execute();
}

/** The rule's reviewer ids: the lead's choice, validated, or the whole pool when none was made. */
export async function resolveFollowUpReviewers(db: Database, viewer: Viewer, chosen: readonly string[]): Promise<string[]> {
  const pool = await listFollowUpReviewers(db);
  if (chosen.length === 0) {
    if (pool.length === 0) throw new DomainError("invalid", "The organisation has no active QA reviewers to review the follow-up; ask an admin to add one.");
    return pool.map((r) => r.id).sort();
  }
  if (!choosesFollowUpReviewers(viewer)) throw forbidden("A QA lead chooses the follow-up's reviewers; yours go to all of the organisation's QA reviewers.");
  const known = new Set(pool.map((r) => r.id));
  const ids = [...new Set(chosen.map((id) => id.toLowerCase()))];
  if (ids.some((id) => !known.has(id))) throw new DomainError("invalid", `${CHOOSE}: active QA specialists or leads.`, { reviewerIds: CHOOSE });
  return ids.sort();
}
