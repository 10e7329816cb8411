/**
 * Self-evaluation rules on real PostgreSQL (issue 13 §5, docs/decisions/0025): a rule of
 * purpose `self` asks each sampled conversation's own agent — nobody else — once; review rules
 * still never assign an agent; a request waits under "To self-evaluate" until the agent
 * submits or a review is released; nothing is saved or run while the organisation has
 * self-evaluation off.
 */
import { describe, expect, it } from "vitest";
import { RUN_AT, samplingWorld } from "../../../test/sampling-fixtures";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { refusal } from "../../../test/refusal";
import { seedEvaluation, seedSelfEvaluation } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { formatDateTime } from "../../lib/time";
import { seedData } from "../access/actor";
import { startSelfEvaluation } from "../evaluations/start-self-evaluation.server";
import { listSelfEvaluationRequests } from "../feedback/list-self-evaluation-requests.server";
import { getOrganisation } from "../users/get-organisation.server";
import { runSamplingRule } from "./run-sampling-rule.server";
import { samplingRuleFormSchema, samplingRuleSchema, type SamplingRuleSettings } from "./sampling-rule.schema";
import { createSamplingRule } from "./save-sampling-rule.server";

const ON = { self_evaluation_enabled: true };
const run = (ruleId: string, runAt = RUN_AT) => runSamplingRule(db(), seedData, { ruleId, runAt, trigger: "manual" });

async function completed(ruleId: string, runAt = RUN_AT) {
  const outcome = await run(ruleId, runAt);
  if (outcome.status !== "completed") throw new Error(`run failed: ${outcome.error}`);
  return outcome.runId;
}

const requestsOf = (scorecardId: string) =>
  db()
    .selectFrom("self_evaluation_requests as r")
    .innerJoin("interactions", "interactions.id", "r.interaction_id")
    .select(["r.interaction_id", "r.agent_id", "r.run_id", "r.due_at", "interactions.agent_id as conversation_agent_id"])
    .where("r.scorecard_id", "=", scorecardId)
    .orderBy("r.interaction_id")
    .execute();

/** A rule as a form would post it, reviewer boxes ticked (filters left as the world's JSON: the form schema accepts both). */
const formFields = (settings: SamplingRuleSettings) => ({ ...settings, dueInHours: String(settings.dueInHours) });

const selfRule = { purpose: "self" as const, reviewerIds: [] };

/** The self-evaluation notifications of these people, by recipient. */
const requestNotifications = (recipientIds: string[]) =>
  db()
    .selectFrom("notifications")
    .select(["recipient_id", "title", "body", "link", "dedupe_key"])
    .where("kind", "=", "self_evaluation_requested")
    .where("recipient_id", "in", recipientIds)
    .orderBy("recipient_id")
    .execute();

describe("a self-evaluation rule", () => {
  it("asks each sampled conversation's own agent, exactly once, and a second run of the period asks nothing more", async () => {
    await withOrganisationSettings(ON, async () => {
      const world = await samplingWorld({ agents: 3, perAgent: 5 });
      const rule = await world.createRule(selfRule);
      const runId = await completed(rule.id);

      const requests = await requestsOf(world.scorecard.id);
      expect(requests).toHaveLength(6);
      for (const request of requests) expect(request.agent_id).toBe(request.conversation_agent_id);
      for (const agent of world.agents) {
        const own = requests.filter((r) => r.agent_id === agent.id);
        expect(own).toHaveLength(2);
        for (const r of own) expect(world.interactionsByAgent.get(agent.id)).toContain(r.interaction_id);
      }
      expect(new Set(requests.map((r) => r.run_id))).toEqual(new Set([runId]));
      expect(requests[0]?.due_at.getTime()).toBeGreaterThan(Date.now() + 47 * 3_600_000);
      // No review assignment comes of it: the exception is only for self-evaluation.
      expect(await db().selectFrom("assignments").select("id").where("run_id", "=", runId).execute()).toEqual([]);
      const runRow = await db().selectFrom("sampling_runs").select(["matched", "drawn", "assigned"]).where("id", "=", runId).executeTakeFirstOrThrow();
      expect(runRow).toEqual({ matched: 15, drawn: 6, assigned: 6 });

      // Each agent asked is told once, for the run's two conversations; nobody else is told.
      const due = formatDateTime(requests[0]!.due_at, (await getOrganisation(db())).timeZone);
      const everyone = [...world.agents, ...world.reviewers, world.lead].map((person) => person.id);
      expect(await requestNotifications(everyone)).toEqual(
        world.agents
          .map((agent) => ({
            recipient_id: agent.id,
            title: `You are asked to self-evaluate 2 conversations by ${due}`,
            body: "Score them yourself on My feedback, under “To self-evaluate”, before their review is released to you.",
            link: "/feedback",
            dedupe_key: `self_evaluation_requested:${runId}`,
          }))
          .sort((a, b) => a.recipient_id.localeCompare(b.recipient_id)),
      );

      const again = await completed(rule.id, new Date(RUN_AT.getTime() + 3_600_000));
      expect(await requestsOf(world.scorecard.id)).toHaveLength(6);
      const againRow = await db().selectFrom("sampling_runs").select(["drawn", "assigned"]).where("id", "=", again).executeTakeFirstOrThrow();
      expect(againRow).toEqual({ drawn: 0, assigned: 0 });
      // A run that asks nothing new tells nobody.
      expect(await requestNotifications(everyone)).toHaveLength(3);
    });
  });

  it("waits under 'To self-evaluate' for its agent only, starts with the request's scorecard, and goes once submitted", async () => {
    await withOrganisationSettings(ON, async () => {
      const world = await samplingWorld({ agents: 2, perAgent: 3 });
      const rule = await world.createRule({ ...selfRule, quota: { kind: "per_agent", n: 1 } });
      await completed(rule.id);
      const [ana, ben] = world.agents as [(typeof world.agents)[0], (typeof world.agents)[0]];

      const waiting = await listSelfEvaluationRequests(db(), ana);
      expect(waiting.enabled).toBe(true);
      expect(waiting.items).toHaveLength(1);
      const item = waiting.items[0]!;
      expect(world.interactionsByAgent.get(ana.id)).toContain(item.interactionId);
      expect([item.scorecardId, item.started]).toEqual([world.scorecard.id, false]);
      expect((await listSelfEvaluationRequests(db(), ben)).items.map((i) => i.interactionId)).not.toContain(item.interactionId);
      // Another agent cannot take it up either: the conversation is not theirs (404).
      expect((await refusal(startSelfEvaluation(db(), ben, { interactionId: item.interactionId }))).status).toBe(404);
      expect((await refusal(listSelfEvaluationRequests(db(), world.lead))).status).toBe(403);

      // Started without a pick: the request's scorecard is used, and it still waits as a draft.
      const started = await startSelfEvaluation(db(), ana, { interactionId: item.interactionId });
      const draft = await db().selectFrom("evaluations").select(["scorecard_id", "reviewer_id"]).where("id", "=", started.evaluationId).executeTakeFirstOrThrow();
      expect(draft).toEqual({ scorecard_id: world.scorecard.id, reviewer_id: ana.id });
      expect((await listSelfEvaluationRequests(db(), ana)).items.map((i) => [i.interactionId, i.started])).toEqual([[item.interactionId, true]]);

      await seedSelfEvaluation({ agent: ana, interactionId: item.interactionId, answers: { greeting: { value: true } } });
      expect((await listSelfEvaluationRequests(db(), ana)).items).toEqual([]);
      expect((await listSelfEvaluationRequests(db(), ben)).items).toHaveLength(1);
    });
  });

  it("pages soonest due first on (due time, id): every request once, in order, however the pages fall", async () => {
    await withOrganisationSettings(ON, async () => {
      const world = await samplingWorld({ agents: 1, perAgent: 5 });
      const agent = world.agents[0]!;
      await completed((await world.createRule({ ...selfRule, quota: { kind: "per_agent", n: 5 } })).id);
      // Two of them due a day later, so due times differ and three tie (the id breaks the tie).
      const drawn = await db().selectFrom("self_evaluation_requests").select(["id", "due_at"]).where("agent_id", "=", agent.id).orderBy("id").execute();
      const later = new Date(drawn[0]!.due_at.getTime() + 86_400_000);
      await db().updateTable("self_evaluation_requests").set({ due_at: later }).where("id", "in", [drawn[0]!.id, drawn[3]!.id]).execute();
      const all = await db().selectFrom("self_evaluation_requests").select(["id", "due_at"]).where("agent_id", "=", agent.id).orderBy("due_at").orderBy("id").execute();
      expect(all).toHaveLength(5);
      expect(new Set(all.map((r) => r.due_at.getTime())).size).toBe(2);

      const pages: string[][] = [];
      let after: Awaited<ReturnType<typeof listSelfEvaluationRequests>>["next"] = null;
      do {
        const page = await listSelfEvaluationRequests(db(), agent, { after: after ?? undefined, limit: 2 });
        pages.push(page.items.map((item) => item.requestId));
        after = page.next;
      } while (after);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(all.map((r) => r.id));
      // An exact fit ends with no next page.
      expect((await listSelfEvaluationRequests(db(), agent, { limit: 5 })).next).toBeNull();
      expect((await listSelfEvaluationRequests(db(), agent, { limit: 4 })).next).not.toBeNull();
    });
  });

  it("goes once a review of the conversation is released to the agent, and a later run does not ask again", async () => {
    await withOrganisationSettings(ON, async () => {
      const world = await samplingWorld({ agents: 1, perAgent: 2 });
      const rule = await world.createRule({ ...selfRule, quota: { kind: "per_agent", n: 1 } });
      await completed(rule.id);
      const agent = world.agents[0]!;
      const [item] = (await listSelfEvaluationRequests(db(), agent)).items;
      // The world's scorecard releases on submit.
      await seedEvaluation({ reviewer: world.reviewers[0]!, interactionId: item!.interactionId, scorecardId: world.scorecard.id, answers: { greeting: { value: false } } });
      const released = await db().selectFrom("evaluations").select("released_at").where("interaction_id", "=", item!.interactionId).where("kind", "=", "review").executeTakeFirstOrThrow();
      expect(released.released_at).not.toBeNull();
      expect((await listSelfEvaluationRequests(db(), agent)).items).toEqual([]);
    });
  });

  it("is refused while the organisation has self-evaluation off: not saved, not run, nothing waiting", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 2 });
    const rule = await withOrganisationSettings(ON, () => world.createRule(selfRule));
    await withOrganisationSettings({ self_evaluation_enabled: false }, async () => {
      const saved = await refusal(createSamplingRule(db(), world.lead, world.settings(selfRule)));
      expect([saved.status, saved.message]).toEqual([422, "Self-evaluation is turned off for the organisation: an administrator can turn it on in Settings."]);

      const outcome = await run(rule.id);
      expect(outcome).toMatchObject({ status: "failed", retryable: false, error: "Self-evaluation is turned off for the organisation: an administrator can turn it on in Settings." });
      expect(await requestsOf(world.scorecard.id)).toEqual([]);
      expect(await listSelfEvaluationRequests(db(), world.agents[0]!)).toEqual({ enabled: false, items: [], next: null });
      expect(await requestNotifications([world.agents[0]!.id])).toEqual([]);
    });
  });

  it("takes no reviewers in its settings, and a review rule still needs them and never assigns an agent", async () => {
    await withOrganisationSettings(ON, async () => {
      const world = await samplingWorld({ agents: 2, perAgent: 3 });
      const withReviewers = samplingRuleSchema.safeParse(world.settings({ purpose: "self" }));
      expect(withReviewers.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["reviewerIds", "A self-evaluation rule has no reviewers: each conversation goes to its own agent"],
      ]);
      // The form keeps its reviewer boxes on the page: for a self-evaluation rule they are dropped.
      const fromForm = samplingRuleFormSchema.parse({ ...formFields(world.settings()), purpose: "self" });
      expect([fromForm.purpose, fromForm.reviewerIds]).toEqual(["self", []]);
      expect(samplingRuleSchema.safeParse(world.settings({ reviewerIds: [] })).error?.issues[0]?.message).toBe("Choose at least one reviewer");

      const review = await world.createRule();
      const runId = await completed(review.id);
      const assignments = await db()
        .selectFrom("assignments")
        .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
        .select(["assignments.reviewer_id", "interactions.agent_id"])
        .where("assignments.run_id", "=", runId)
        .execute();
      expect(assignments).toHaveLength(4);
      const agentIds = new Set(world.agents.map((a) => a.id));
      for (const a of assignments) expect(agentIds.has(a.reviewer_id)).toBe(false);
      expect(await requestsOf(world.scorecard.id)).toEqual([]);
    });
  });
});
