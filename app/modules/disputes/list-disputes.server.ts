/**
 * The disputes queue (issue 13 §6): the disputes the viewer may see (dispute-scope.server.ts — the
 * arbiters all, a reviewer those of their own work, a supervisor their teams', an agent their own),
 * oldest due first, keyset-paged on (due_at, id), filtered by status, overdue, scorecard,
 * reviewer ("my work" is the viewer as reviewer), team and agent. Overdue is computed against `now`.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { disputeVisibleTo } from "../access/dispute-scope.server";
import type { Viewer } from "../users/roles";
import type { DueCursor as DisputeCursor } from "../assignments/due";
import { asDisputeState, decidedDisputeStates, openDisputeStates, type DisputeState, type DisputeStatusFilter } from "./dispute-states";
import { isOverdue } from "./due-time";

const statesOf: Record<"active" | "decided" | "closed", readonly DisputeState[]> = {
  active: openDisputeStates,
  decided: decidedDisputeStates,
  closed: ["declined", "withdrawn"],
};

export interface DisputeQuery {
  status: DisputeStatusFilter;
  overdueOnly: boolean;
  scorecardId?: string | undefined;
  reviewerId?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  after?: DisputeCursor | undefined;
  limit: number;
  now: Date;
}

export interface DisputeListItem {
  id: string;
  evaluationId: string;
  state: DisputeState;
  raisedAt: Date;
  dueAt: Date;
  overdue: boolean;
  agentName: string;
  reviewerName: string;
  raisedByName: string;
  takenByName: string | null;
  scorecardName: string;
  questionCount: number;
}

export async function listDisputes(db: Database, viewer: Viewer, query: DisputeQuery): Promise<{ items: DisputeListItem[]; next: DisputeCursor | null }> {
  let q = db
    .selectFrom("disputes")
    .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .innerJoin("users as raiser", "raiser.id", "disputes.raised_by")
    .leftJoin("users as taker", "taker.id", "disputes.taken_by")
    .select([
      "disputes.id",
      "disputes.evaluation_id",
      "disputes.state",
      "disputes.raised_at",
      "disputes.due_at",
      "agent.name as agent_name",
      "reviewer.name as reviewer_name",
      "raiser.name as raiser_name",
      "taker.name as taker_name",
      "scorecards.name as scorecard_name",
    ])
    .select(sql<number>`(SELECT count(*)::int FROM dispute_questions q WHERE q.dispute_id = disputes.id)`.as("question_count"))
    .where(disputeVisibleTo(viewer));
  const status = query.status;
  if (status === "active" || status === "decided" || status === "closed") q = q.where("disputes.state", "in", [...statesOf[status]]);
  else if (status !== "all") q = q.where("disputes.state", "=", status);
  if (query.overdueOnly) q = q.where("disputes.state", "in", ["open", "in_review"]).where("disputes.due_at", "<=", query.now);
  if (query.scorecardId) q = q.where("evaluations.scorecard_id", "=", query.scorecardId);
  if (query.reviewerId) q = q.where("evaluations.reviewer_id", "=", query.reviewerId);
  if (query.teamId) q = q.where("interactions.team_id", "=", query.teamId);
  if (query.agentId) q = q.where("interactions.agent_id", "=", query.agentId);
  if (query.after) {
    const { dueAt, id } = query.after;
    q = q.where(sql<boolean>`(disputes.due_at, disputes.id) > (${dueAt}, ${id}::uuid)`);
  }
  const rows = await q.orderBy("disputes.due_at").orderBy("disputes.id").limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => {
      const state = asDisputeState(row.state);
      return {
        id: row.id,
        evaluationId: row.evaluation_id,
        state,
        raisedAt: row.raised_at,
        dueAt: row.due_at,
        overdue: isOverdue({ state, dueAt: row.due_at }, query.now),
        agentName: row.agent_name,
        reviewerName: row.reviewer_name,
        raisedByName: row.raiser_name,
        takenByName: row.taker_name,
        scorecardName: row.scorecard_name,
        questionCount: row.question_count,
      };
    }),
    next: rows.length > query.limit && last ? { dueAt: last.due_at, id: last.id } : null,
  };
}

/** What the queue's filters offer: the scorecards, reviewers and teams of the disputes the viewer sees. */
export async function listDisputeFilterOptions(db: Database, viewer: Viewer) {
  const base = db
    .selectFrom("disputes")
    .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .where(disputeVisibleTo(viewer));
  const [scorecards, reviewers, teams] = await Promise.all([
    base.innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id").select(["scorecards.id", "scorecards.name"]).distinct().orderBy("scorecards.name").execute(),
    base.innerJoin("users", "users.id", "evaluations.reviewer_id").select(["users.id", "users.name"]).distinct().orderBy("users.name").execute(),
    base.innerJoin("teams", "teams.id", "interactions.team_id").select(["teams.id", "teams.name"]).distinct().orderBy("teams.name").execute(),
  ]);
  return { scorecards, reviewers, teams };
}
