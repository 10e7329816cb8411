/**
 * Who takes part in an evaluation's comment thread (issue 13 §4, DESIGN.md "Evaluation
 * lifecycle and revisions"): the agent, the reviewer, the agent's supervisors, QA leads and
 * admins — within the evaluation scope, so an agent sees the thread only of their own released
 * reviews and a supervisor only of their teams'. Anybody else (another QA specialist, who sees
 * the evaluation but is not in its thread) finds no thread: 404, as a missing one.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { scopeEvaluations } from "./evaluation-scope.server";

export interface ThreadEvaluation {
  id: string;
  kind: string;
  status: string;
  reviewerId: string;
  agentId: string;
  released: boolean;
}

/** Pure: whether the viewer, who sees the evaluation, is one of its thread's people. */
export function takesPartInThread(viewer: Viewer, evaluation: Pick<ThreadEvaluation, "kind" | "status" | "reviewerId" | "agentId">): boolean {
  if (evaluation.kind !== "review" || evaluation.status === "draft") return false;
  if (viewer.role === "admin" || viewer.role === "qa_lead" || viewer.role === "supervisor") return true;
  return viewer.id === evaluation.reviewerId || viewer.id === evaluation.agentId;
}

/** The evaluation whose thread the viewer takes part in, locked when `forUpdate`; else 404. */
export async function loadThreadEvaluation(db: Database, viewer: Viewer, evaluationId: string, { forUpdate = false } = {}): Promise<ThreadEvaluation> {
  let query = scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.id", "evaluations.kind", "evaluations.status", "evaluations.reviewer_id", "evaluations.released_at", "interactions.agent_id"])
    .where("evaluations.id", "=", evaluationId);
  if (forUpdate) query = query.forShare("evaluations");
  const row = await query.executeTakeFirst();
  const evaluation = row && { id: row.id, kind: row.kind, status: row.status, reviewerId: row.reviewer_id, agentId: row.agent_id, released: row.released_at !== null };
  if (!evaluation || !takesPartInThread(viewer, evaluation)) throw notFound("Comment thread");
  return evaluation;
}

/** Posting (after the thread is found): not on a void evaluation, whose thread is closed. */
export function assertThreadOpen(evaluation: Pick<ThreadEvaluation, "status">): void {
  if (evaluation.status === "void") throw new DomainError("conflict", "This evaluation was voided, so its comment thread is closed.");
}
