/** Choices the coaching pages offer: agents the viewer may coach, and evidence for a plan. */
import type { Database } from "../../lib/db.server";
import { coachingRowsVisibleTo } from "../access/coaching-scope.server";
import { can } from "../access/permissions";
import { evaluationVisibleTo } from "../access/evaluation-scope.server";
import type { Viewer } from "../users/roles";
import type { PlanRow } from "./load-plan.server";

/** Active agents in the viewer's coaching scope (none for roles that do not coach). */
export async function listCoachableAgents(db: Database, viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (!can(viewer, "coaching:manage")) return [];
  return db
    .selectFrom("users")
    .select(["users.id", "users.name"])
    .where("users.role", "=", "agent")
    .where("users.active", "=", true)
    .where(coachingRowsVisibleTo(viewer, "users.id"))
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

export interface EvidenceCandidate {
  evaluationId: string;
  conversationAt: Date;
  scorecardName: string;
  score: number | null;
  annotations: { id: string; comment: string; quote: string | null; startMs: number | null }[];
}

/** The agent's latest submitted reviews (any scorecard) the viewer may see, with their comments, to attach as evidence. */
export async function listEvidenceCandidates(db: Database, viewer: Viewer, plan: Pick<PlanRow, "agent_id">, limit = 30): Promise<EvidenceCandidate[]> {
  const evaluations = await db
    .selectFrom("evaluations")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .select(["evaluations.id", "evaluations.score", "interactions.started_at", "scorecards.name"])
    .where("interactions.agent_id", "=", plan.agent_id)
    .where("evaluations.kind", "=", "review")
    .where("evaluations.status", "=", "submitted")
    .where(evaluationVisibleTo(viewer))
    .orderBy("interactions.started_at", "desc")
    .orderBy("evaluations.id")
    .limit(limit)
    .execute();
  if (evaluations.length === 0) return [];
  const annotations = await db
    .selectFrom("annotations")
    .select(["id", "evaluation_id", "comment", "quote", "start_ms"])
    .where(
      "evaluation_id",
      "in",
      evaluations.map((e) => e.id),
    )
    .orderBy("start_ms")
    .orderBy("created_at")
    .execute();
  return evaluations.map((e) => ({
    evaluationId: e.id,
    conversationAt: e.started_at,
    scorecardName: e.name,
    score: e.score,
    annotations: annotations.filter((a) => a.evaluation_id === e.id).map((a) => ({ id: a.id, comment: a.comment, quote: a.quote, startMs: a.start_ms })),
  }));
}
