/**
 * The dispute open on an evaluation (at most one: awaiting the supervisor, open or in review),
 * if the viewer may see it — through the disputes' own scope (access/dispute-scope.server.ts), so
 * an agent sees the one on their own review, a QA specialist outside the arbiter pool only one on
 * their own work, and anyone else who may not see it gets null, as if none were open. For the
 * evaluation's REST answer (GET /api/v1/evaluations/{id}). Only scoring questions can be
 * disputed and those are never hidden from agents, so the question ids tell an agent nothing new.
 */
import type { Database } from "../../lib/db.server";
import { disputeVisibleTo } from "../access/dispute-scope.server";
import type { Viewer } from "../users/roles";
import { openDisputeStates } from "./dispute-states";
import { isOverdue } from "./due-time";

type OpenDisputeState = (typeof openDisputeStates)[number];

function asOpenState(state: string): OpenDisputeState {
  if (!(openDisputeStates as readonly string[]).includes(state)) throw new Error(`Not an open dispute state: ${state}`);
  return state as OpenDisputeState;
}

export interface OpenDispute {
  id: string;
  state: OpenDisputeState;
  questionIds: string[];
  raisedAt: Date;
  dueAt: Date;
  overdue: boolean;
}

export async function getOpenDispute(db: Database, viewer: Viewer, evaluationId: string, now = new Date()): Promise<OpenDispute | null> {
  const row = await db
    .selectFrom("disputes")
    .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .select(["disputes.id", "disputes.state", "disputes.raised_at", "disputes.due_at"])
    .where(disputeVisibleTo(viewer))
    .where("disputes.evaluation_id", "=", evaluationId)
    .where("disputes.state", "in", openDisputeStates)
    .executeTakeFirst();
  if (!row) return null;
  const questions = await db.selectFrom("dispute_questions").select("question_id").where("dispute_id", "=", row.id).orderBy("position").execute();
  const state = asOpenState(row.state);
  return {
    id: row.id,
    state,
    questionIds: questions.map((question) => question.question_id),
    raisedAt: row.raised_at,
    dueAt: row.due_at,
    overdue: isOverdue({ state, dueAt: row.due_at }, now),
  };
}
