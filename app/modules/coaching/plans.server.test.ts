/**
 * Coaching plans on real PostgreSQL (issue 15 §1, §3, §4): suggestions from the roll-ups, the
 * frozen baseline, every bad input refused with nothing written, evidence, closing, the agent's
 * acknowledgement, the effect against uncoached peers, and follow-up sampling.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { backgroundJobs } from "../access/actor";
import { runSamplingRule } from "../sampling/run-sampling-rule.server";
import { insertInteractionRows } from "../../../test/factories";
import { refusal } from "../../../test/refusal";
import { seedEvaluation } from "../../../test/review-factories";
import { AFTER_NOW, PLAN_NOW, criterionKey, seedAfter, seedBaselines, seedCoachingWorld, type CoachingWorld } from "../../../test/coaching-fixtures";
import { acknowledgeCoachingPlan } from "./acknowledge-plan.server";
import { addEvidence } from "./add-evidence.server";
import { closeCoachingPlan } from "./close-plan.server";
import { createCoachingPlan } from "./create-plan.server";
import { getCoachingPlan } from "./get-plan.server";
import { getNewPlanForm } from "./new-plan-form.server";
import { startFollowUpSampling } from "./start-follow-up.server";

let world: CoachingWorld;
let greeting: string;
let discovery: string;
let anaReviews: string[];

const count = async (table: "coaching_plans" | "coaching_plan_criteria" | "coaching_evidence" | "notifications" | "sampling_rules") =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

const planInput = (overrides: Record<string, unknown> = {}) => ({
  agentId: world.ana.id,
  scorecardId: world.scorecard.id,
  title: "Open every call well",
  dueOn: "2026-12-31",
  criteria: [
    { questionKey: greeting, target: 80 },
    { questionKey: discovery, target: 75 },
  ],
  ...overrides,
});

beforeAll(async () => {
  world = await seedCoachingWorld();
  greeting = await criterionKey(world.scorecard.id, "greeting");
  discovery = await criterionKey(world.scorecard.id, "discovery");
  anaReviews = (await seedBaselines(world)).ana;
});

describe("the new plan page", () => {
  it("suggests the agent's lowest criteria against the team's, with the reason, and only with five or more evaluations", async () => {
    const form = await getNewPlanForm(db(), world.sam, { agentId: world.ana.id, scorecardId: world.scorecard.id }, PLAN_NOW);
    expect(form.window).toEqual({ from: "2026-09-02", to: "2026-11-30", label: "last 90 days" });
    const suggested = form.criteria.filter((c) => c.reason !== null).map((c) => [c.prompt, c.reason]);
    // Team: Nick and Olga, 12 evaluations: greeting 5 of 12 = 41.7 %, discovery 100 %.
    // In the scorecard's order; identity is no gap (100 % both), outcome neither.
    expect(suggested).toEqual([
      ["Greeted the customer", "Ana Coached 17 % against the team's 42 % over 6 evaluations (last 90 days)"],
      ["Understood the issue", "Ana Coached 50 % against the team's 100 % over 6 evaluations (last 90 days)"],
    ]);
  });

  it("is 404 for an agent outside the coach's teams and for a QA specialist, 403 for an admin", async () => {
    expect((await refusal(getNewPlanForm(db(), world.stan, { agentId: world.ana.id }, PLAN_NOW))).status).toBe(404);
    expect((await refusal(getNewPlanForm(db(), world.qa, { agentId: world.ana.id }, PLAN_NOW))).status).toBe(404);
    expect((await refusal(getNewPlanForm(db(), world.admin, { agentId: world.ana.id }, PLAN_NOW))).status).toBe(403);
    expect((await refusal(getNewPlanForm(db(), world.ana, { agentId: world.ana.id }, PLAN_NOW))).status).toBe(403);
  });
});

describe("starting a plan", () => {
  it("refuses bad input with a clear message and writes nothing", async () => {
    const otherKey = `${greeting.split("#")[0]}#00000000`;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ agentId: world.sofia.id }, 404, "Agent not found"],
      [{ criteria: [{ questionKey: otherKey, target: 80 }] }, 422, "All focus criteria of a plan come from one scorecard"],
      [{ criteria: [{ questionKey: greeting, target: 101 }] }, 422, "A target is a percentage from 0 to 100"],
      [{ criteria: [{ questionKey: greeting, target: -1 }] }, 422, "A target is a percentage from 0 to 100"],
      [{ dueOn: "2026-11-30" }, 422, "The due date 2026-11-30 is in the past; choose today (2026-12-01) or later."],
      [{ criteria: [] }, 422, "Choose at least one focus criterion"],
      [{ scorecardId: "00000000-0000-4000-8000-000000000000" }, 422, "Choose a published scorecard."],
    ];
    const before = [await count("coaching_plans"), await count("coaching_plan_criteria"), await count("notifications")];
    for (const [overrides, status, message] of cases) {
      const error = await refusal(createCoachingPlan(db(), world.sam, planInput(overrides), PLAN_NOW));
      expect([error.status, error.message.slice(0, message.length)]).toEqual([status, message]);
    }
    expect([await count("coaching_plans"), await count("coaching_plan_criteria"), await count("notifications")]).toEqual(before);
  });

  it("stores each criterion's baseline as it was, the suggestion's reason, and tells the agent", async () => {
    const { id } = await createCoachingPlan(db(), world.sam, planInput(), PLAN_NOW);
    const criteria = await db().selectFrom("coaching_plan_criteria").selectAll().where("plan_id", "=", id).orderBy("position").execute();
    expect(criteria.map((c) => [c.prompt, c.baseline_n, Number(c.baseline_mean), Number(c.baseline_low), Number(c.baseline_high), Number(c.target)])).toEqual([
      // 1 of 6: 16.6667 %, t(5) · s/√6 = 42.8430 → −26.1764 to 59.5097.
      ["Greeted the customer", 6, 16.6667, -26.1764, 59.5097, 80],
      ["Understood the issue", 6, 50, 50, 50, 75],
    ]);
    expect(criteria[0]!.suggestion_reason).toBe("Ana Coached 17 % against the team's 42 % over 6 evaluations (last 90 days)");
    const notice = await db().selectFrom("notifications").select(["kind", "title", "link"]).where("recipient_id", "=", world.ana.id).where("kind", "=", "coaching_plan_created").executeTakeFirstOrThrow();
    expect(notice).toEqual({ kind: "coaching_plan_created", title: "Sam Supervisor started a coaching plan with you: Open every call well", link: `/coaching/plans/${id}` });
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["coaching_plan.create"]);
  });
});

describe("a running plan", () => {
  let planId: string;
  beforeAll(async () => {
    planId = (await createCoachingPlan(db(), world.lead, planInput({ title: "Greeting first" }), PLAN_NOW)).id;
    // Olga is coached on greeting too: she is no uncoached peer of Ana's on it.
    await createCoachingPlan(db(), world.sam, planInput({ agentId: world.olga.id, criteria: [{ questionKey: greeting, target: 50 }] }), PLAN_NOW);
    await seedAfter(world);
  });

  it("measures the effect against the uncoached peers over the same windows", async () => {
    const plan = await getCoachingPlan(db(), world.sam, planId, AFTER_NOW);
    expect(plan.afterWindow).toEqual({ from: "2026-12-01", to: "2026-12-10" });
    const greet = plan.criteria.find((c) => c.prompt === "Greeted the customer")!;
    // Ana 16.7 % → 80 %; Nick (Olga left out) 83.3 % → 60 %; worked in decision 0031's terms with R-equal Welch figures.
    expect(greet.effect.coached!.df).toBeCloseTo(8.2873, 4);
    expect(greet.effect.did!.difference).toBeCloseTo(86.6667, 4);
    expect(greet.effect.did!.df).toBeCloseTo(15.0422, 4);
    expect(greet.effect.reading).toBe("Up 63 points (95 % interval 4 to 123); uncoached peers down 23 points; difference 87 points (95 % interval 3 to 171).");
    const disc = plan.criteria.find((c) => c.prompt === "Understood the issue")!;
    // Both sides constant: no spread, the interval is the point.
    expect(disc.effect.reading).toBe("No change (95 % interval 0 to 0); uncoached peers no change; difference 0 points (95 % interval 0 to 0).");
  });

  it("attaches evidence from the agent's reviews and annotations, and refuses anything else", async () => {
    const [interaction] = await insertInteractionRows([{ agentId: world.ana.id, teamId: world.north.id, startedAt: new Date("2026-12-03T09:00:00Z"), channel: "call" }]);
    const annotated = await seedEvaluation({
      reviewer: world.qa,
      interactionId: interaction!,
      scorecardId: world.other.id,
      answers: { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "resolved" } },
      annotations: [{ comment: "Warm, named greeting", startMs: 1000, endMs: 4000, sentiment: "positive" }],
    });
    const annotation = await db().selectFrom("annotations").select("id").where("evaluation_id", "=", annotated.id).executeTakeFirstOrThrow();
    const nickReview = await db()
      .selectFrom("evaluations")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select("evaluations.id")
      .where("interactions.agent_id", "=", world.nick.id)
      .executeTakeFirstOrThrow();
    const before = await count("coaching_evidence");
    const bad: [Record<string, unknown>, number][] = [
      [{ evaluationId: nickReview.id, kind: "strength" }, 422],
      [{ evaluationId: annotated.id, annotationId: annotation.id, kind: "praise" }, 422],
      [{ evaluationId: anaReviews[0], annotationId: annotation.id, kind: "strength" }, 422],
    ];
    for (const [input, status] of bad) expect((await refusal(addEvidence(db(), world.sam, planId, input, AFTER_NOW))).status).toBe(status);
    expect((await refusal(addEvidence(db(), world.stan, planId, { evaluationId: annotated.id, kind: "strength" }, AFTER_NOW))).status).toBe(404);
    expect(await count("coaching_evidence")).toBe(before);

    await addEvidence(db(), world.sam, planId, { evaluationId: annotated.id, annotationId: annotation.id, kind: "strength", note: "Do this every time" }, AFTER_NOW);
    await addEvidence(db(), world.sam, planId, { evaluationId: anaReviews[0], kind: "opportunity" }, AFTER_NOW);
    expect((await refusal(addEvidence(db(), world.sam, planId, { evaluationId: anaReviews[0], kind: "strength" }, AFTER_NOW))).status).toBe(409);
    const seen = await getCoachingPlan(db(), world.ana, planId, AFTER_NOW);
    expect(seen.evidence.map((e) => [e.kind, e.annotation?.comment ?? null, e.annotation?.startMs ?? null, e.note])).toEqual([
      ["strength", "Warm, named greeting", 1000, "Do this every time"],
      ["opportunity", null, null, ""],
    ]);
  });

  it("lets only the agent acknowledge, once", async () => {
    expect((await refusal(acknowledgeCoachingPlan(db(), world.sam, planId, AFTER_NOW))).status).toBe(403);
    expect((await refusal(acknowledgeCoachingPlan(db(), world.nick, planId, AFTER_NOW))).status).toBe(404);
    await acknowledgeCoachingPlan(db(), world.ana, planId, AFTER_NOW);
    expect((await refusal(acknowledgeCoachingPlan(db(), world.ana, planId, AFTER_NOW))).status).toBe(409);
    const plan = await getCoachingPlan(db(), world.ana, planId, AFTER_NOW);
    expect([plan.acknowledgedAt?.toISOString(), plan.may]).toEqual([AFTER_NOW.toISOString(), { manage: false, acknowledge: false, seePrivateNotes: false }]);
  });

  it("turns on follow-up sampling for the coach without sampling permission: that agent only, QA reviewers, ending on the due date", async () => {
    expect((await refusal(startFollowUpSampling(db(), world.sam, planId, { perWeek: 0 }, AFTER_NOW))).status).toBe(422);
    expect((await refusal(startFollowUpSampling(db(), world.ana, planId, { perWeek: 2 }, AFTER_NOW))).status).toBe(403);
    const rulesBefore = await count("sampling_rules");
    const { ruleId } = await startFollowUpSampling(db(), world.sam, planId, { perWeek: 2 }, AFTER_NOW);
    expect(await count("sampling_rules")).toBe(rulesBefore + 1);
    expect((await refusal(startFollowUpSampling(db(), world.sam, planId, { perWeek: 2 }, AFTER_NOW))).status).toBe(409);
    const rule = await db().selectFrom("sampling_rules").selectAll().where("id", "=", ruleId).executeTakeFirstOrThrow();
    const settings = rule.settings as { filters: { agentIds: string[] }; reviewerIds: string[]; quota: unknown; schedule: unknown };
    expect([rule.coaching_plan_id, rule.ends_at?.toISOString(), rule.scorecard_id, settings.filters.agentIds, settings.quota, settings.schedule]).toEqual([
      planId,
      "2027-01-01T00:00:00.000Z",
      world.scorecard.id,
      [world.ana.id],
      { kind: "per_agent", n: 2 },
      { kind: "weekly", weekday: 1, hour: 6 },
    ]);
    expect(settings.reviewerIds).toEqual(expect.arrayContaining([world.qa.id, world.lead.id]));

    // The week of 7–13 Dec: three of Ana's conversations and two of Nick's; the run draws two of Ana's.
    const anaIds = await insertInteractionRows(
      [7, 8, 9].map((day) => ({ agentId: world.ana.id, teamId: world.north.id, startedAt: new Date(`2026-12-0${day}T10:00:00Z`) })),
    );
    await insertInteractionRows([10, 11].map((day) => ({ agentId: world.nick.id, teamId: world.north.id, startedAt: new Date(`2026-12-${day}T10:00:00Z`) })));
    const outcome = await runSamplingRule(db(), backgroundJobs, { ruleId, runAt: new Date("2026-12-14T06:00:00Z"), trigger: "schedule" });
    expect(outcome.status).toBe("completed");
    const drawn = await db().selectFrom("assignments").select("interaction_id").where("rule_id", "=", ruleId).execute();
    expect(drawn).toHaveLength(2);
    expect(drawn.every((a) => anaIds.includes(a.interaction_id))).toBe(true);
  });

  it("closes: a cancellation needs a reason; completing ends the follow-up rule and emits the webhook event", async () => {
    await db().insertInto("webhooks").values({ url: "https://receiver.example.test/hook", secret: "s", events: ["coaching.plan.completed"] }).execute();
    const before = await db().selectFrom("coaching_plans").select(["status", "closed_at"]).where("id", "=", planId).executeTakeFirstOrThrow();
    expect((await refusal(closeCoachingPlan(db(), world.sam, planId, { outcome: "cancelled", reason: " " }, AFTER_NOW))).status).toBe(422);
    expect((await refusal(closeCoachingPlan(db(), world.admin, planId, { outcome: "completed" }, AFTER_NOW))).status).toBe(403);
    expect(await db().selectFrom("coaching_plans").select(["status", "closed_at"]).where("id", "=", planId).executeTakeFirstOrThrow()).toEqual(before);
    await closeCoachingPlan(db(), world.sam, planId, { outcome: "completed" }, AFTER_NOW);
    expect((await refusal(closeCoachingPlan(db(), world.sam, planId, { outcome: "cancelled", reason: "Moved teams" }, AFTER_NOW))).status).toBe(409);
    const rule = await db().selectFrom("sampling_rules").select(["active", "ends_at", "next_run_at"]).where("coaching_plan_id", "=", planId).executeTakeFirstOrThrow();
    expect(rule).toEqual({ active: false, ends_at: AFTER_NOW, next_run_at: null });
    const delivery = await db().selectFrom("webhook_deliveries").select(["event_type", "body"]).where("event_type", "=", "coaching.plan.completed").executeTakeFirstOrThrow();
    expect((JSON.parse(delivery.body) as { data: { plan: unknown } }).data.plan).toMatchObject({ id: planId, agentId: world.ana.id, status: "completed", dueOn: "2026-12-31" });
  });

  it("cancels with a reason", async () => {
    const { id } = await createCoachingPlan(db(), world.sam, planInput({ title: "Short-lived" }), PLAN_NOW);
    await closeCoachingPlan(db(), world.sam, id, { outcome: "cancelled", reason: "Ana moved to another queue" }, AFTER_NOW);
    const plan = await getCoachingPlan(db(), world.lead, id, AFTER_NOW);
    expect([plan.status, plan.cancelReason, plan.may.manage]).toEqual(["cancelled", "Ana moved to another queue", false]);
  });
});
