/**
 * The agenda Parley builds for the coach of a session (issue 15 §2, docs/decisions/0032),
 * computed each time the page is read:
 *
 * - the plan's focus criteria now against their baseline: the agent's mean q since the plan
 *   started (the effect's "after" window, the same roll-up figures) beside the baseline frozen
 *   at creation and the target;
 * - low-scoring evaluations since the last session: the agent's current reviews (report rows:
 *   submitted, not void) of conversations in the window, that failed (below the pass mark or auto-failed)
 *   or, on a plan, scored a focus criterion below its target. The window opens at the agent's
 *   previous held session before this one, else at the plan's start, else 30 days before this
 *   session; it closes now, or when the session was held, missed or cancelled;
 * - the agent's open disputes (awaiting the supervisor, open, in review);
 * - action items still open from the agent's earlier sessions (this session's own are listed
 *   with the session);
 * - the coach's own items (session-agenda.ts).
 *
 * Coach side only (coaching:oversee, not the agent): the agent's page never reads it.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { seesPrivateCoachingNotes } from "../access/coaching-scope.server";
import { disputeVisibleTo } from "../access/dispute-scope.server";
import { evaluationVisibleTo } from "../access/evaluation-scope.server";
import { forbidden } from "../access/refusals";
import { openDisputeStates } from "../disputes/dispute-states";
import { meanEstimate } from "../reports/statistics";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { criterionSums } from "./criterion-figures.server";
import { loadSession } from "./load-session.server";
import { storedAgenda, type AgendaItem } from "./session-agenda";

/** Without an earlier session or a plan, "since the last session" looks back this far. */
export const AGENDA_LOOKBACK_DAYS = 30;
const LOW_LIMIT = 20;

export interface AgendaCriterion {
  questionKey: string;
  prompt: string;
  target: number;
  baseline: { mean: number | null; n: number };
  now: { mean: number | null; low: number | null; high: number | null; n: number; from: string; to: string };
}

export interface SessionAgenda {
  window: { from: Date; to: Date; since: "previous session" | "plan start" | "lookback" };
  criteria: AgendaCriterion[];
  lowEvaluations: { evaluationId: string; conversationAt: Date; reviewedAt: Date; score: number | null; passed: boolean; belowTarget: string[] }[];
  disputes: { id: string; evaluationId: string; state: string; raisedAt: Date; dueAt: Date }[];
  carriedItems: { id: string; text: string; owner: "agent" | "coach"; dueOn: string | null; overdue: boolean; sessionStartsAt: Date }[];
  custom: AgendaItem[];
}

export async function buildSessionAgenda(db: Database, viewer: Viewer, sessionId: string, now: Date): Promise<SessionAgenda> {
  const session = await loadSession(db, viewer, sessionId);
  if (!seesPrivateCoachingNotes(viewer) || viewer.id === session.agent_id) throw forbidden("The agenda is the coach's.");
  const { timeZone } = await getOrganisation(db);
  const today = formatLocalDate(localDateOf(now, timeZone));
  const plan = session.plan_id ? await db.selectFrom("coaching_plans").selectAll().where("id", "=", session.plan_id).executeTakeFirstOrThrow() : null;
  const criteria = plan ? await db.selectFrom("coaching_plan_criteria").selectAll().where("plan_id", "=", plan.id).orderBy("position").execute() : [];

  const previous = await db
    .selectFrom("coaching_sessions")
    .select("starts_at")
    .where("agent_id", "=", session.agent_id)
    .where("state", "=", "held")
    .where("starts_at", "<", session.starts_at)
    .where("id", "<>", session.id)
    .orderBy("starts_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const closedAt = session.state === "scheduled" ? null : session.state_changed_at;
  const to = closedAt && closedAt < now ? closedAt : now;
  const window = previous
    ? { from: previous.starts_at, to, since: "previous session" as const }
    : plan
      ? { from: plan.created_at, to, since: "plan start" as const }
      : { from: new Date(session.starts_at.getTime() - AGENDA_LOOKBACK_DAYS * 86_400_000), to, since: "lookback" as const };

  let agendaCriteria: AgendaCriterion[] = [];
  if (plan && criteria.length > 0) {
    const after = { from: formatLocalDate(localDateOf(plan.created_at, timeZone)), to: plan.closed_at ? formatLocalDate(localDateOf(plan.closed_at, timeZone)) : today };
    const sums = await criterionSums(db, { scorecardId: plan.scorecard_id, questionKeys: criteria.map((c) => c.question_key), ...after }, { agentId: plan.agent_id });
    agendaCriteria = criteria.map((c) => {
      const estimate = meanEstimate(sums.get(c.question_key) ?? { n: 0, sum: 0, sumSquares: 0 });
      return {
        questionKey: c.question_key,
        prompt: c.prompt,
        target: Number(c.target),
        baseline: { mean: c.baseline_mean === null ? null : Number(c.baseline_mean), n: c.baseline_n },
        now: { mean: estimate?.mean ?? null, low: estimate?.interval?.low ?? null, high: estimate?.interval?.high ?? null, n: estimate?.n ?? 0, ...after },
      };
    });
  }

  // Which focus criteria an evaluation scored below target (none for a standalone session).
  const belowTarget = plan
    ? sql<string[]>`ARRAY(
        SELECT c.prompt FROM report_question_results rq
        JOIN coaching_plan_criteria c ON c.plan_id = ${plan.id} AND c.question_key = rq.question_key
        WHERE rq.evaluation_id = re.evaluation_id AND NOT rq.na AND rq.q IS NOT NULL AND rq.q * 100 < c.target
        ORDER BY c.position)`
    : sql<string[]>`ARRAY[]::text[]`;
  const low = await db
    .selectFrom("report_evaluations as re")
    .innerJoin("evaluations", "evaluations.id", "re.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .select(["re.evaluation_id", "re.conversation_at", "re.reviewed_at", "re.score", "re.passed", belowTarget.as("belowTarget")])
    .where("re.agent_id", "=", session.agent_id)
    .where("re.conversation_at", ">", window.from)
    .where("re.conversation_at", "<=", window.to)
    .where(sql<boolean>`(NOT re.passed OR cardinality(${belowTarget}) > 0)`)
    .where(evaluationVisibleTo(viewer))
    .orderBy("re.conversation_at", "desc")
    .limit(LOW_LIMIT)
    .execute();
  const lowEvaluations = low.map((row) => ({ evaluationId: row.evaluation_id, conversationAt: row.conversation_at, reviewedAt: row.reviewed_at, score: row.score, passed: row.passed, belowTarget: row.belowTarget }));

  const disputes = await db
    .selectFrom("disputes")
    .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .select(["disputes.id", "disputes.evaluation_id", "disputes.state", "disputes.raised_at", "disputes.due_at"])
    .where("interactions.agent_id", "=", session.agent_id)
    .where("disputes.state", "in", openDisputeStates)
    .where(disputeVisibleTo(viewer))
    .orderBy("disputes.raised_at")
    .execute();

  const carried = await db
    .selectFrom("coaching_action_items as i")
    .innerJoin("coaching_sessions as s", "s.id", "i.session_id")
    .select(["i.id", "i.text", "i.owner", sql<string | null>`i.due_on::text`.as("dueOn"), "s.starts_at"])
    .where("i.agent_id", "=", session.agent_id)
    .where("i.done_at", "is", null)
    .where("i.session_id", "<>", session.id)
    .where("s.starts_at", "<", session.starts_at)
    .orderBy("s.starts_at")
    .orderBy("i.created_at")
    .execute();

  return {
    window,
    criteria: agendaCriteria,
    lowEvaluations,
    disputes: disputes.map((d) => ({ id: d.id, evaluationId: d.evaluation_id, state: d.state, raisedAt: d.raised_at, dueAt: d.due_at })),
    carriedItems: carried.map((i) => ({ id: i.id, text: i.text, owner: i.owner as "agent" | "coach", dueOn: i.dueOn, overdue: i.dueOn !== null && i.dueOn < today, sessionStartsAt: i.starts_at })),
    custom: storedAgenda(session.agenda),
  };
}
