/**
 * GET /api/v1/evaluations: the reviews the token's user may see (scopeEvaluations — the same
 * rule as the pages: an agent only their own released ones, a supervisor their teams'),
 * submitted or void, newest submitted first, keyset-paged on (submitted_at, id). Drafts,
 * calibration scores and self-evaluations are not listed.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import type { Viewer } from "../users/roles";
import type { EvaluationListQuery, EvaluationSummaryJson } from "./evaluation-api.schema";
import { decodeCursor, encodeCursor, findUserId } from "./list-api-interactions.server";

export function scopedEvaluationQuery(db: Database, viewer: Viewer) {
  return scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .leftJoin("teams", "teams.id", "interactions.team_id")
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .leftJoin("evaluation_revisions as current", "current.id", "evaluations.current_revision_id")
    .select([
      "evaluations.id",
      "evaluations.interaction_id",
      "agent.id as agent_id",
      "agent.name as agent_name",
      "teams.id as team_id",
      "teams.name as team_name",
      "reviewer.id as reviewer_id",
      "reviewer.name as reviewer_name",
      "scorecards.id as scorecard_id",
      "scorecards.name as scorecard_name",
      "scorecard_versions.version",
      "evaluations.status",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "current.sequence",
      "evaluations.current_revision_id",
      "evaluations.submitted_at",
      "evaluations.released_at",
    ])
    .where("evaluations.kind", "=", "review")
    .where("evaluations.status", "in", ["submitted", "void"]);
}

type Row = Awaited<ReturnType<ReturnType<typeof scopedEvaluationQuery>["executeTakeFirstOrThrow"]>>;

export function toEvaluationSummary(row: Row): EvaluationSummaryJson {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    agent: { id: row.agent_id, name: row.agent_name },
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    scorecard: { id: row.scorecard_id, name: row.scorecard_name, version: row.version },
    status: row.status as EvaluationSummaryJson["status"],
    score: row.score,
    passed: row.passed,
    autoFailed: row.auto_failed,
    revision: row.sequence ?? 0,
    currentRevisionId: row.current_revision_id,
    // Every submitted or void evaluation was submitted (the list leaves drafts out).
    submittedAt: (row.submitted_at ?? new Date(0)).toISOString(),
    releasedAt: row.released_at?.toISOString() ?? null,
  };
}

export async function listApiEvaluations(db: Database, viewer: Viewer, query: EvaluationListQuery): Promise<{ items: EvaluationSummaryJson[]; nextCursor: string | null }> {
  const before = query.cursor ? decodeCursor(query.cursor) : null;
  let agentId: string | null = null;
  if (query.agent) {
    agentId = await findUserId(db, query.agent);
    // An unknown agent matches nothing, the same as one outside the viewer's scope.
    if (!agentId) return { items: [], nextCursor: null };
  }
  let q = scopedEvaluationQuery(db, viewer)
    .orderBy("evaluations.submitted_at", "desc")
    .orderBy("evaluations.id", "desc")
    .limit(query.limit + 1);
  if (agentId) q = q.where("interactions.agent_id", "=", agentId);
  if (query.team) q = q.where("interactions.team_id", "=", query.team);
  if (query.scorecard) q = q.where("evaluations.scorecard_id", "=", query.scorecard);
  if (query.status === "void") q = q.where("evaluations.status", "=", "void");
  if (query.status === "submitted") q = q.where("evaluations.status", "=", "submitted");
  if (query.status === "released") q = q.where("evaluations.status", "=", "submitted").where("evaluations.released_at", "is not", null);
  if (query.status === "unreleased") q = q.where("evaluations.status", "=", "submitted").where("evaluations.released_at", "is", null);
  if (query.from) q = q.where("evaluations.submitted_at", ">=", new Date(query.from));
  if (query.to) q = q.where("evaluations.submitted_at", "<", new Date(query.to));
  if (before) q = q.where(sql<boolean>`(evaluations.submitted_at, evaluations.id) < (${before.startedAt}, ${before.id})`);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEvaluationSummary),
    nextCursor: rows.length > query.limit && last?.submitted_at ? encodeCursor(last.submitted_at, last.id) : null,
  };
}
