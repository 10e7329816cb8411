/**
 * One coaching plan as its page and the API show it (issue 15 §1, §4): criteria with the
 * baseline frozen at creation, the target and the effect measured live; the evidence with the
 * annotated moment (quote, times, recording); the follow-up rule; and what the viewer may do.
 * The agent reads only evidence on reviews released to them.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { seesPrivateCoachingNotes } from "../access/coaching-scope.server";
import { evaluationVisibleTo } from "../access/evaluation-scope.server";
import { can } from "../access/permissions";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import type { Effect } from "./effect";
import { loadPlan } from "./load-plan.server";
import { dayText, planEffects } from "./plan-effects.server";

export interface PlanCriterion {
  questionKey: string;
  prompt: string;
  target: number;
  baseline: { n: number; mean: number | null; low: number | null; high: number | null; from: string; to: string };
  suggestionReason: string | null;
  effect: Effect;
}

export interface PlanEvidence {
  id: string;
  kind: "strength" | "opportunity";
  note: string;
  evaluationId: string;
  interactionId: string;
  conversationAt: Date;
  score: number | null;
  hasRecording: boolean;
  annotation: { id: string; comment: string; quote: string | null; startMs: number | null; endMs: number | null } | null;
  addedAt: Date;
}

export interface PlanDetail {
  id: string;
  title: string;
  status: "active" | "completed" | "cancelled";
  cancelReason: string | null;
  agent: { id: string; name: string };
  owner: { id: string; name: string };
  scorecard: { id: string; name: string };
  dueOn: string;
  overdue: boolean;
  createdAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  afterWindow: { from: string; to: string };
  criteria: PlanCriterion[];
  evidence: PlanEvidence[];
  followUp: { ruleId: string; name: string; active: boolean; perWeek: number | null; endsAt: Date | null } | null;
  may: { manage: boolean; acknowledge: boolean; seePrivateNotes: boolean };
}

export async function getCoachingPlan(db: Database, viewer: Viewer, planId: string, now: Date): Promise<PlanDetail> {
  const plan = await loadPlan(db, viewer, planId);
  const { timeZone } = await getOrganisation(db);
  const people = await db.selectFrom("users").select(["id", "name"]).where("id", "in", [plan.agent_id, plan.owner_id]).execute();
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  const scorecard = await db.selectFrom("scorecards").select(["id", "name"]).where("id", "=", plan.scorecard_id).executeTakeFirstOrThrow();
  const criteriaRows = await db.selectFrom("coaching_plan_criteria").selectAll().where("plan_id", "=", plan.id).orderBy("position").execute();
  const { effects, after } = await planEffects(db, plan, criteriaRows.map((c) => c.question_key), now, timeZone);
  const evidence = await db
    .selectFrom("coaching_evidence as ce")
    .innerJoin("evaluations", "evaluations.id", "ce.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .leftJoin("annotations as a", "a.id", "ce.annotation_id")
    .select([
      "ce.id",
      "ce.kind",
      "ce.note",
      "ce.created_at",
      "evaluations.id as evaluationId",
      "evaluations.score",
      "interactions.id as interactionId",
      "interactions.started_at",
      sql<boolean>`interactions.recording_key IS NOT NULL`.as("hasRecording"),
      "a.id as annotationId",
      "a.comment",
      "a.quote",
      "a.start_ms",
      "a.end_ms",
    ])
    .where("ce.plan_id", "=", plan.id)
    .where(evaluationVisibleTo(viewer))
    .orderBy("ce.created_at")
    .execute();
  const rule = await db.selectFrom("sampling_rules").select(["id", "name", "active", "settings", "ends_at"]).where("coaching_plan_id", "=", plan.id).executeTakeFirst();
  const today = formatLocalDate(localDateOf(now, timeZone));
  const dueOn = dayText(plan.due_on);
  const manages = can(viewer, "coaching:manage") && viewer.id !== plan.agent_id;
  return {
    id: plan.id,
    title: plan.title,
    status: plan.status as PlanDetail["status"],
    cancelReason: plan.cancel_reason,
    agent: { id: plan.agent_id, name: nameOf(plan.agent_id) },
    owner: { id: plan.owner_id, name: nameOf(plan.owner_id) },
    scorecard,
    dueOn,
    overdue: plan.status === "active" && dueOn < today,
    createdAt: plan.created_at,
    acknowledgedAt: plan.acknowledged_at,
    closedAt: plan.closed_at,
    afterWindow: after,
    criteria: criteriaRows.map((c) => ({
      questionKey: c.question_key,
      prompt: c.prompt,
      target: Number(c.target),
      baseline: {
        n: c.baseline_n,
        mean: c.baseline_mean === null ? null : Number(c.baseline_mean),
        low: c.baseline_low === null ? null : Number(c.baseline_low),
        high: c.baseline_high === null ? null : Number(c.baseline_high),
        from: dayText(plan.baseline_from),
        to: dayText(plan.baseline_to),
      },
      suggestionReason: c.suggestion_reason,
      effect: effects.get(c.question_key)!,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.kind as PlanEvidence["kind"],
      note: e.note,
      evaluationId: e.evaluationId,
      interactionId: e.interactionId,
      conversationAt: e.started_at,
      score: e.score,
      hasRecording: e.hasRecording,
      annotation: e.annotationId ? { id: e.annotationId, comment: e.comment ?? "", quote: e.quote, startMs: e.start_ms, endMs: e.end_ms } : null,
      addedAt: e.created_at,
    })),
    followUp: rule
      ? { ruleId: rule.id, name: rule.name, active: rule.active, perWeek: perWeekOf(rule.settings), endsAt: rule.ends_at }
      : null,
    may: { manage: manages && plan.status === "active", acknowledge: viewer.id === plan.agent_id && plan.acknowledged_at === null, seePrivateNotes: seesPrivateCoachingNotes(viewer) },
  };
}

function perWeekOf(settings: unknown): number | null {
  const quota = (settings as { quota?: { kind?: string; n?: number } }).quota;
  return quota?.kind === "per_agent" && typeof quota.n === "number" ? quota.n : null;
}
