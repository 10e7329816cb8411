/**
 * The demo's coaching (issue 15 §7, db/seed/demo-coaching.ts) as each role finds it on the
 * seed's day: Sam Patel's plan for Marcus Chen on empathy, started at the end of his dip, whose
 * effect reads as an improvement over Billing's uncoached agents; Leah Morgan's younger plan for
 * Sofia Rossi; held sessions, action items (one overdue), acknowledgements given and awaited.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../app/lib/db.server";
import { coachingOfAgents } from "../../app/modules/coaching/agents-coaching.server";
import { getCoachingPlan } from "../../app/modules/coaching/get-plan.server";
import { listCoachingPlans } from "../../app/modules/coaching/list-plans.server";
import { readSessionNotes } from "../../app/modules/coaching/read-session-notes.server";
import { listSessions } from "../../app/modules/coaching/session-actions.server";
import { getTeamCoaching } from "../../app/modules/coaching/team-coaching.server";
import { demoPlans, MARCUS_PLAN_DAYS_AGO } from "./demo-coaching";
import { demoViewer, NOW, seedDemoBeforeAll } from "./demo-seed-fixture";

seedDemoBeforeAll();

const TODAY = "2026-03-16";
const DAY = 86_400_000;
const planOf = async (agentKey: string) => {
  const agent = await demoViewer(agentKey);
  const [plan] = await listCoachingPlans(db(), agent, { agentId: agent.id }, NOW);
  if (!plan) throw new Error(`${agentKey} has no plan`);
  return plan;
};

describe("the demo's coaching", () => {
  it("has two active plans, each seen by its agent, the agent's supervisor and the QA lead, and by no one else", async () => {
    const lead = await demoViewer("leah.morgan");
    const plans = await listCoachingPlans(db(), lead, {}, NOW);
    expect(plans.map((p) => [p.agent.name, p.owner.name, p.title, p.status, p.dueOn, p.overdue, p.criteria, p.acknowledgedAt !== null])).toEqual([
      ["Marcus Chen", "Sam Patel", "Empathy on calls: name the feeling before the fix", "active", "2026-04-04", false, ["Showed empathy"], true],
      ["Sofia Rossi", "Leah Morgan", "Diagnose before the fix: ask, test, then act", "active", "2026-04-15", false, ["Understood the customer's issue"], false],
    ]);
    const agentsOfPlansSeenBy = async (key: string) => (await listCoachingPlans(db(), await demoViewer(key), {}, NOW)).map((p) => p.agent.name);
    expect(await agentsOfPlansSeenBy("sam.patel")).toEqual(["Marcus Chen"]);
    expect(await agentsOfPlansSeenBy("grace.liu")).toEqual(["Sofia Rossi"]);
    expect(await agentsOfPlansSeenBy("marcus.chen")).toEqual(["Marcus Chen"]);
    expect(await agentsOfPlansSeenBy("sofia.rossi")).toEqual(["Sofia Rossi"]);
    expect(await agentsOfPlansSeenBy("dana.reyes")).toEqual([]);
    expect(await agentsOfPlansSeenBy("quinn.harper")).toEqual([]);
  });

  it("measures Marcus Chen's plan: baseline with his dip, the recovery since, up more than his uncoached peers", async () => {
    const plan = await planOf("marcus.chen");
    expect(plan.createdAt).toEqual(new Date(NOW.getTime() - MARCUS_PLAN_DAYS_AGO * DAY));
    const detail = await getCoachingPlan(db(), await demoViewer("sam.patel"), plan.id, NOW);
    expect(detail.afterWindow).toEqual({ from: "2026-02-21", to: TODAY });
    const [empathy] = detail.criteria;
    expect(detail.criteria).toHaveLength(1);
    expect(empathy?.baseline).toEqual({ n: 14, mean: 44.6429, low: 20.5034, high: 68.7823, from: "2025-11-23", to: "2026-02-20" });
    expect(empathy?.target).toBe(75);
    expect(empathy?.suggestionReason).toBe("Marcus Chen 45 % against the team's 71 % over 14 evaluations (last 90 days)");
    expect(empathy?.effect.reading).toBe("Up 45 points (95 % interval 20 to 71); uncoached peers up 14 points; difference 31 points (95 % interval 3 to 60).");
    // An improvement over the peers: the whole interval of the difference in differences is above zero.
    expect(empathy?.effect.did?.interval.low).toBeGreaterThan(0);
    expect(detail.evidence.map((e) => e.kind).sort()).toEqual(["opportunity", "opportunity", "strength"]);

    // The reviews since the plan: his follow-up calls, all reviewed after it started, all passing.
    const followUps = await db()
      .selectFrom("evaluations")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select(["interactions.started_at", "evaluations.passed", "evaluations.submitted_at"])
      .where("interactions.external_id", "like", "%-followup-%")
      .where("interactions.agent_id", "=", plan.agent.id)
      .execute();
    expect(followUps).toHaveLength(8);
    for (const row of followUps) {
      expect(row.started_at > plan.createdAt).toBe(true);
      expect(row.passed).toBe(true);
    }
  });

  it("gives Marcus Chen two held sessions with notes (the private ones kept from him; the second session waiting for his acknowledgement), one to come, and his action items with one overdue", async () => {
    const marcus = await demoViewer("marcus.chen");
    const sessions = await listSessions(db(), marcus, { agentId: marcus.id }, TODAY);
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.state, s.coachName, s.acknowledgedAt !== null])).toEqual([
      ["2026-02-23T14:00:00.000Z", "held", "Sam Patel", true],
      ["2026-03-09T14:00:00.000Z", "held", "Sam Patel", false],
      ["2026-03-21T14:00:00.000Z", "scheduled", "Sam Patel", false],
    ]);
    expect(sessions[0]?.acknowledgementComment).toBe("Helpful. I'll use the phrase we practised on every call this week.");
    expect(sessions.map((s) => s.actionItems.map((i) => [i.owner, i.dueOn, i.doneAt !== null, i.overdue]))).toEqual([
      [
        ["agent", "2026-03-09", true, false],
        ["coach", "2026-03-02", true, false],
      ],
      [
        ["agent", "2026-03-14", false, true],
        ["coach", "2026-03-20", false, false],
      ],
      [],
    ]);
    // The held sessions' notes: Marcus reads the shared ones, never the private; Sam reads both.
    const sam = await demoViewer("sam.patel");
    const held = sessions.filter((s) => s.state === "held");
    const written = demoPlans[0]?.sessions.filter((s) => s.held) ?? [];
    const paragraphs = (note: { body: unknown } | null) => ((note?.body as { content?: { content: { text: string }[] }[] })?.content ?? []).map((p) => p.content[0]?.text);
    expect(held).toHaveLength(2);
    for (const [k, session] of held.entries()) {
      const his = await readSessionNotes(db(), marcus, session.id);
      expect(his.seesPrivate).toBe(false);
      expect(paragraphs(his.shared)).toEqual(written[k]?.notes?.shared);
      expect(JSON.stringify(his)).not.toContain(written[k]?.notes?.private[0]?.slice(0, 40));
      const coachs = await readSessionNotes(db(), sam, session.id);
      expect(coachs.seesPrivate ? paragraphs(coachs.private) : null).toEqual(written[k]?.notes?.private);
    }
    const notes = await db().selectFrom("coaching_session_notes").select(["visibility", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("visibility").orderBy("visibility").execute();
    expect(notes.map((n) => [n.visibility, Number(n.n)])).toEqual([
      ["private", 3],
      ["shared", 3],
    ]);
    // What told him: the plan, three sessions scheduled.
    const kinds = await db()
      .selectFrom("notifications")
      .select(["kind", (eb) => eb.fn.countAll<string>().as("n")])
      .where("recipient_id", "=", marcus.id)
      .where("kind", "like", "coaching_%")
      .groupBy("kind")
      .orderBy("kind")
      .execute();
    expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
      ["coaching_plan_created", 1],
      ["coaching_session_scheduled", 3],
    ]);
  });

  it("gives Sofia Rossi a plan to acknowledge, a held and acknowledged session with its item done, and the next one", async () => {
    const sofia = await demoViewer("sofia.rossi");
    const plan = await planOf("sofia.rossi");
    expect(plan.acknowledgedAt).toBeNull();
    const detail = await getCoachingPlan(db(), sofia, plan.id, NOW);
    expect(detail.may.acknowledge).toBe(true);
    expect(detail.criteria[0]?.effect.reading).toBe("Not enough evaluations yet (0 since the plan started; at least 5 needed).");
    const sessions = await listSessions(db(), sofia, { agentId: sofia.id }, TODAY);
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.state, s.acknowledgedAt !== null, s.actionItems.map((i) => i.doneAt !== null)])).toEqual([
      ["2026-03-06T11:00:00.000Z", "held", true, [true]],
      ["2026-03-18T11:00:00.000Z", "scheduled", false, []],
    ]);
  });

  it("fills the team coaching page of each supervisor and of the QA lead, and the team page's coaching column", async () => {
    const page = async (key: string) => {
      const coaching = await getTeamCoaching(db(), await demoViewer(key), {}, NOW);
      return {
        active: coaching.active.length,
        overdue: coaching.overdue,
        held: coaching.heldThisMonth,
        overdueItems: coaching.overdueItems,
        criteria: coaching.criteria.map((c) => [c.prompt, c.plans, c.improved, c.unclear, c.worse, c.notYet]),
      };
    };
    expect(await page("sam.patel")).toEqual({ active: 1, overdue: 0, held: 1, overdueItems: 1, criteria: [["Showed empathy", 1, 1, 0, 0, 0]] });
    expect(await page("grace.liu")).toEqual({ active: 1, overdue: 0, held: 1, overdueItems: 0, criteria: [["Understood the customer's issue", 1, 0, 0, 0, 1]] });
    expect(await page("leah.morgan")).toEqual({
      active: 2,
      overdue: 0,
      held: 2,
      overdueItems: 1,
      criteria: [
        ["Showed empathy", 1, 1, 0, 0, 0],
        ["Understood the customer's issue", 1, 0, 0, 0, 1],
      ],
    });

    const sam = await demoViewer("sam.patel");
    const marcus = await demoViewer("marcus.chen");
    const dana = await demoViewer("dana.reyes");
    const column = await coachingOfAgents(db(), sam, [marcus.id, dana.id], NOW);
    expect(column.get(marcus.id)).toMatchObject({ plan: { title: "Empathy on calls: name the feeling before the fix", overdue: false }, overdueItems: 1 });
    expect(column.get(dana.id)?.plan ?? null).toBeNull();
    // Sam was told of Marcus's acknowledgements (the plan, the first session); Leah of Sofia's session.
    const told = async (key: string) =>
      Number(
        (
          await db()
            .selectFrom("notifications")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("recipient_id", "=", (await demoViewer(key)).id)
            .where("kind", "=", "coaching_acknowledged")
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await told("sam.patel"), await told("leah.morgan")]).toEqual([2, 1]);
  });
});
