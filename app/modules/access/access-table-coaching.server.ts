/**
 * The coaching part of the access table (access-table-coaching.server.test.ts): on the shared
 * world's people, three plans in every scope — Ana's (by her supervisor), her teammate Nick's (by
 * the QA lead) and Sofia's of another team (by the QA lead) — and the operations as the real use
 * cases. Quinn, the QA specialist, coaches nobody and sees no plan.
 */
import { db } from "../../lib/db.server";
import { acknowledgeCoachingPlan } from "../coaching/acknowledge-plan.server";
import { addEvidence } from "../coaching/add-evidence.server";
import { closeCoachingPlan } from "../coaching/close-plan.server";
import { createCoachingPlan } from "../coaching/create-plan.server";
import { getCoachingPlan } from "../coaching/get-plan.server";
import { getCoachingSession } from "../coaching/get-session.server";
import { listCoachingPlans } from "../coaching/list-plans.server";
import { getNewPlanForm } from "../coaching/new-plan-form.server";
import { getNewSessionForm, type NewSessionForm } from "../coaching/new-session-form.server";
import { scorecardCriteria } from "../coaching/scorecard-criteria.server";
import { scheduleCoachingSession } from "../coaching/schedule-session.server";
import { acknowledgeSession, addActionItem, setSessionState } from "../coaching/session-actions.server";
import { startFollowUpSampling } from "../coaching/start-follow-up.server";
import { roles, type Viewer } from "../users/roles";
import { cast, outcomeOf, seedWorld, type Outcomes, type World } from "./access-table-world.server";

export const planRows = {
  ana: "Ana's plan (her supervisor's)",
  nick: "her teammate Nick's plan (the QA lead's)",
  sofia: "another team's plan (Sofia, the QA lead's)",
} as const;
export type PlanKey = keyof typeof planRows;

const dueOn = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

async function planInput(agentId: string) {
  const { scorecard } = cast();
  const criteria = (await scorecardCriteria(db(), scorecard.id))!.criteria;
  return { agentId, scorecardId: scorecard.id, title: "Greeting", dueOn: dueOn(), criteria: [{ questionKey: criteria[0]!.questionKey, target: 80 }] };
}

export async function seedPlans(): Promise<Record<PlanKey, string>> {
  const { people, viewers } = cast();
  const now = new Date();
  return {
    ana: (await createCoachingPlan(db(), viewers.supervisor, await planInput(people.ana.id), now)).id,
    nick: (await createCoachingPlan(db(), viewers.qa_lead, await planInput(people.nick.id), now)).id,
    sofia: (await createCoachingPlan(db(), viewers.qa_lead, await planInput(people.sofia.id), now)).id,
  };
}

/** The world's released review of the plan's agent, for evidence (Nick has none: not a row of that operation). */
const evidenceOf = (world: World, row: PlanKey) => ({ evaluationId: row === "sofia" ? world.evaluations.otherTeam : world.evaluations.released, kind: "opportunity" });

export const planOps = {
  view: (v: Viewer, plan: string) => getCoachingPlan(db(), v, plan, new Date()),
  acknowledge: (v: Viewer, plan: string) => acknowledgeCoachingPlan(db(), v, plan, new Date()),
  complete: (v: Viewer, plan: string) => closeCoachingPlan(db(), v, plan, { outcome: "completed" }, new Date()),
  cancel: (v: Viewer, plan: string) => closeCoachingPlan(db(), v, plan, { outcome: "cancelled", reason: "Changed queue" }, new Date()),
  followUp: (v: Viewer, plan: string) => startFollowUpSampling(db(), v, plan, { perWeek: 2 }, new Date()),
};

/** Each role on fresh plans. */
export async function planOutcomesFor(operation: keyof typeof planOps, row: PlanKey): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    const plans = await seedPlans();
    outcomes.push(await outcomeOf(() => planOps[operation](cast().viewers[role], plans[row])));
  }
  return outcomes as Outcomes;
}

export async function evidenceOutcomesFor(row: "ana" | "sofia"): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    const world = await seedWorld();
    const plans = await seedPlans();
    outcomes.push(await outcomeOf(() => addEvidence(db(), cast().viewers[role], plans[row], evidenceOf(world, row), new Date())));
  }
  return outcomes as Outcomes;
}

/** Starting a plan for an agent: the new plan page and the creation itself must agree. */
export async function startOutcomesFor(agent: "ana" | "nick" | "sofia"): Promise<{ page: Outcomes; create: Outcomes }> {
  const page = [];
  const create = [];
  for (const role of roles) {
    const viewer = cast().viewers[role];
    const agentId = cast().people[agent].id;
    page.push(await outcomeOf(() => getNewPlanForm(db(), viewer, { agentId }, new Date())));
    create.push(await outcomeOf(async () => createCoachingPlan(db(), viewer, await planInput(agentId), new Date())));
  }
  return { page: page as Outcomes, create: create as Outcomes };
}

/** Which of one set of plans each role's list (/coaching, /my/coaching, the API) holds. */
export async function planListsFor(): Promise<PlanKey[][]> {
  const plans = await seedPlans();
  const lists: PlanKey[][] = [];
  for (const role of roles) {
    const items = await listCoachingPlans(db(), cast().viewers[role], { status: "all", limit: 500 }, new Date());
    const ids = new Set(items.map((item) => item.id));
    lists.push((Object.keys(planRows) as PlanKey[]).filter((key) => ids.has(plans[key])));
  }
  return lists;
}

/** A session of each plan, scheduled by its plan's coach; `held` marks them held first. */
async function seedSessions(plans: Record<PlanKey, string>, held: boolean): Promise<Record<PlanKey, string>> {
  const { people, viewers } = cast();
  const coachOf: Record<PlanKey, Viewer> = { ana: viewers.supervisor, nick: viewers.qa_lead, sofia: viewers.qa_lead };
  const sessions = {} as Record<PlanKey, string>;
  for (const key of Object.keys(planRows) as PlanKey[]) {
    const { id } = await scheduleCoachingSession(db(), coachOf[key], { agentId: people[key].id, planId: plans[key], date: dueOn(), time: "10:00", durationMinutes: 30 }, new Date());
    if (held) await setSessionState(db(), coachOf[key], id, { state: "held" }, new Date());
    sessions[key] = id;
  }
  return sessions;
}

export const sessionOps = {
  markHeld: (v: Viewer, session: string) => setSessionState(db(), v, session, { state: "held" }, new Date()),
  addActionItem: (v: Viewer, session: string) => addActionItem(db(), v, session, { text: "Greet by name", owner: "agent" }, new Date()),
  acknowledgeHeld: (v: Viewer, session: string) => acknowledgeSession(db(), v, session, { comment: "Thanks" }, new Date()),
};

export async function sessionOutcomesFor(operation: keyof typeof sessionOps, row: PlanKey): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    const sessions = await seedSessions(await seedPlans(), operation === "acknowledgeHeld");
    outcomes.push(await outcomeOf(() => sessionOps[operation](cast().viewers[role], sessions[row])));
  }
  return outcomes as Outcomes;
}

/** Scheduling a session for each agent (standalone). */
export async function scheduleOutcomesFor(agent: PlanKey): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    outcomes.push(await outcomeOf(() => scheduleCoachingSession(db(), cast().viewers[role], { agentId: cast().people[agent].id, date: dueOn(), time: "09:00", durationMinutes: 30 }, new Date())));
  }
  return outcomes as Outcomes;
}

/**
 * The session page (/coaching/sessions/:id): its loader's one refusal is getCoachingSession.
 * Rows: a session of each plan, and `standalone` — Ana's standalone session with her supervisor.
 */
export type SessionPageKey = PlanKey | "standalone";

export async function sessionPageOutcomesFor(row: SessionPageKey): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    const { people, viewers } = cast();
    const sessionId =
      row === "standalone"
        ? (await scheduleCoachingSession(db(), viewers.supervisor, { agentId: people.ana.id, date: dueOn(), time: "11:00", durationMinutes: 30 }, new Date())).id
        : (await seedSessions(await seedPlans(), false))[row];
    outcomes.push(await outcomeOf(() => getCoachingSession(db(), cast().viewers[role], sessionId, new Date())));
  }
  return outcomes as Outcomes;
}

/** What each role allowed on Ana's session gets on its page (null: refused). */
export async function sessionPageShapes(): Promise<({ agenda: boolean; privateNote: boolean; manage: boolean; acknowledge: boolean } | null)[]> {
  const sessions = await seedSessions(await seedPlans(), true);
  const shapes = [];
  for (const role of roles) {
    const detail = await getCoachingSession(db(), cast().viewers[role], sessions.ana, new Date()).catch(() => null);
    shapes.push(detail && { agenda: detail.agenda !== null, privateNote: detail.notes.seesPrivate, manage: detail.may.manage, acknowledge: detail.may.acknowledge });
  }
  return shapes;
}

/** The standalone scheduling page (/coaching/sessions/new), asked to preselect Ana. */
export async function newSessionPageOutcomes(): Promise<{ outcomes: Outcomes; preselected: (boolean | null)[] }> {
  const outcomes = [];
  const preselected = [];
  for (const role of roles) {
    const viewer = cast().viewers[role];
    let form: NewSessionForm | null = null;
    outcomes.push(await outcomeOf(async () => (form = await getNewSessionForm(db(), viewer, { agentId: cast().people.ana.id }, new Date()))));
    preselected.push(form === null ? null : (form as NewSessionForm).agentId === cast().people.ana.id);
  }
  return { outcomes: outcomes as Outcomes, preselected };
}
