/**
 * "To self-evaluate" on My feedback (issue 13 §5, docs/decisions/0025): the self-evaluation
 * requests a sampling rule sent the agent that still wait for them. A request stops waiting
 * without being deleted — when the agent submits their self-evaluation, or a review of the
 * conversation is released to them (self-evaluation is locked from then on) — so the run's
 * record of what it asked stays whole. Only the agent's own conversations: the request's agent
 * and the conversation's agent must both be the viewer. Soonest due first, keyset-paged on
 * (due_at, id) like the rest of My feedback.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import type { DueCursor } from "../assignments/due";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import type { Viewer } from "../users/roles";


export interface SelfEvaluationRequestItem {
  requestId: string;
  interactionId: string;
  channel: "call" | "chat" | "email";
  conversationStartedAt: Date;
  scorecardId: string;
  scorecardName: string;
  dueAt: Date;
  /** The agent has a draft of it already: the link continues it. */
  started: boolean;
}

export interface SelfEvaluationRequests {
  /** The organisation's switch: when off, nothing waits (starting would be refused). */
  enabled: boolean;
  items: SelfEvaluationRequestItem[];
  /** The cursor of the next page (the last item's due time and id), or null on the last page. */
  next: DueCursor | null;
}

export interface SelfEvaluationRequestPage {
  /** After this (due_at, id): the page before's `next`. */
  after?: DueCursor | undefined;
  limit: number;
}

/** A page of My feedback's "To self-evaluate"; also what a caller that wants "the first few" gets. */
export const SELF_EVALUATION_PAGE_SIZE = 25;

export async function listSelfEvaluationRequests(db: Database, viewer: Viewer, page: SelfEvaluationRequestPage = { limit: SELF_EVALUATION_PAGE_SIZE }): Promise<SelfEvaluationRequests> {
  if (viewer.role !== "agent") throw new DomainError("forbidden", "Self-evaluation requests go to agents, for their own conversations.");
  const settings = await getOrganisationSettings(db);
  if (!settings.selfEvaluationEnabled) return { enabled: false, items: [], next: null };
  const { after } = page;
  const rows = await db
    .selectFrom("self_evaluation_requests as r")
    .innerJoin("interactions", "interactions.id", "r.interaction_id")
    .innerJoin("scorecards", "scorecards.id", "r.scorecard_id")
    .leftJoin("evaluations as self", (join) => join.onRef("self.interaction_id", "=", "r.interaction_id").on("self.kind", "=", "self"))
    .select([
      "r.id",
      "r.interaction_id",
      "r.scorecard_id",
      "r.due_at",
      "interactions.channel",
      "interactions.started_at",
      "scorecards.name as scorecard_name",
      "self.status as self_status",
    ])
    .where("r.agent_id", "=", viewer.id)
    .where("interactions.agent_id", "=", viewer.id)
    .where((eb) => eb.or([eb("self.id", "is", null), eb("self.status", "=", "draft")]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("evaluations as review")
            .select("review.id")
            .whereRef("review.interaction_id", "=", "r.interaction_id")
            .where("review.kind", "=", "review")
            .where("review.released_at", "is not", null),
        ),
      ),
    )
    .$if(after !== undefined, (qb) => qb.where((eb) => eb.or([eb("r.due_at", ">", after!.dueAt), eb.and([eb("r.due_at", "=", after!.dueAt), eb("r.id", ">", after!.id)])])))
    .orderBy("r.due_at", "asc")
    .orderBy("r.id", "asc")
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return {
    enabled: true,
    next: more && last ? { dueAt: last.due_at, id: last.id } : null,
    items: shown.map((row) => ({
      requestId: row.id,
      interactionId: row.interaction_id,
      channel: row.channel as SelfEvaluationRequestItem["channel"],
      conversationStartedAt: row.started_at,
      scorecardId: row.scorecard_id,
      scorecardName: row.scorecard_name,
      dueAt: row.due_at,
      started: row.self_status === "draft",
    })),
  };
}
