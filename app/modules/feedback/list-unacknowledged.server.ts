/**
 * Who has not acknowledged their feedback (issue 13 §3), for QA leads and admins (every team)
 * and supervisors (their teams' agents, by the evaluation scope): released evaluations whose
 * scorecard asks for acknowledgement and whose current result nobody has acknowledged yet,
 * the longest waiting first, keyset-paged on (asked at, id); with the counts of all of them
 * and of the overdue ones, whatever the filter.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { can } from "../access/permissions";
import type { Viewer } from "../users/roles";
import { acknowledgementAskedAt, acknowledgementOverdue, askedAgain, awaitingAcknowledgement } from "./acknowledgement-query.server";
import { acknowledgementDueAt } from "./acknowledgement-rule";

export interface UnacknowledgedItem {
  evaluationId: string;
  agentName: string;
  teamName: string | null;
  scorecardName: string;
  reviewerName: string;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  askedAt: Date;
  /** Only when the scorecard requires it within days. */
  dueAt: Date | null;
  overdue: boolean;
  /** Asked again: a correction changed pass/fail after the agent acknowledged. */
  again: boolean;
}

export interface UnacknowledgedQuery {
  overdueOnly: boolean;
  after?: { askedAt: Date; id: string };
  limit: number;
  now: Date;
  timeZone: string;
}

export interface UnacknowledgedPage {
  items: UnacknowledgedItem[];
  next: { askedAt: Date; id: string } | null;
  counts: { awaiting: number; overdue: number };
}

function awaitingInScope(db: Database, viewer: Viewer) {
  return scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .where("evaluations.kind", "=", "review")
    .where(awaitingAcknowledgement);
}

export async function listUnacknowledged(db: Database, viewer: Viewer, query: UnacknowledgedQuery): Promise<UnacknowledgedPage> {
  if (!can(viewer, "acknowledgements:oversee")) throw new DomainError("forbidden", "Only supervisors, QA leads and admins see who has not acknowledged.");
  const overdue = acknowledgementOverdue(query.now, query.timeZone);
  let q = awaitingInScope(db, viewer)
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .leftJoin("teams", "teams.id", "interactions.team_id")
    .select([
      "evaluations.id",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "agent.name as agent_name",
      "teams.name as team_name",
      "reviewer.name as reviewer_name",
      "scorecards.name as scorecard_name",
      "scorecards.acknowledgement_days",
      acknowledgementAskedAt.as("asked_at"),
      overdue.as("overdue"),
      askedAgain.as("again"),
    ])
    .orderBy(acknowledgementAskedAt)
    .orderBy("evaluations.id")
    .limit(query.limit + 1);
  if (query.overdueOnly) q = q.where(overdue);
  const after = query.after;
  if (after) q = q.where((eb) => eb(eb.tuple(acknowledgementAskedAt, eb.ref("evaluations.id")), ">", eb.tuple(after.askedAt, after.id)));
  const [rows, counts] = await Promise.all([
    q.execute(),
    awaitingInScope(db, viewer)
      .select((eb) => [eb.fn.countAll<string>().as("awaiting"), eb.fn.countAll<string>().filterWhere(overdue).as("overdue")])
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, query.limit).map(
    (row): UnacknowledgedItem => ({
      evaluationId: row.id,
      agentName: row.agent_name,
      teamName: row.team_name,
      scorecardName: row.scorecard_name,
      reviewerName: row.reviewer_name,
      score: row.score,
      passed: row.passed ?? false,
      autoFailed: row.auto_failed,
      askedAt: row.asked_at,
      dueAt: row.acknowledgement_days === null ? null : acknowledgementDueAt(row.asked_at, row.acknowledgement_days, query.timeZone),
      overdue: row.overdue,
      again: row.again,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    next: rows.length > query.limit && last ? { askedAt: last.askedAt, id: last.evaluationId } : null,
    counts: { awaiting: Number(counts.awaiting), overdue: Number(counts.overdue) },
  };
}
