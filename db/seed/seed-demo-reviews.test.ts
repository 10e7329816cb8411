/**
 * The demo's review history as its people find it (issue 13 point 11, issue 14): each agent's
 * My feedback, Marcus Chen's dip and recovery, CSAT that follows the reviews, the QA lead's
 * view of acknowledgements, corrections and voids, and the queue left to the QA specialists.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../app/lib/db.server";
import { listMyFeedback } from "../../app/modules/feedback/list-my-feedback.server";
import { listUnacknowledged } from "../../app/modules/feedback/list-unacknowledged.server";
import { queryCustomerKpis } from "../../app/modules/reports/query-customer-kpis.server";
import { queryCriterionCsatDifference } from "../../app/modules/reports/query-csat-difference.server";
import { queryCriteria } from "../../app/modules/reports/query-criteria.server";
import { queryQuality } from "../../app/modules/reports/query-quality.server";
import { queryReviewers } from "../../app/modules/reports/query-reviewers.server";
import type { Viewer } from "../../app/modules/users/roles";
import { DIP_AGENT, DIP_DAYS_AGO, loadDemoViewers } from "./demo-evaluations";
import { demoUsers } from "./demo-organisation";
import { feedbackQuery, NOW, seedDemoBeforeAll } from "./demo-seed-fixture";

seedDemoBeforeAll();

/**
 * What each agent's My feedback holds on the seed's day (db/seed/demo-evaluations.ts): 245
 * reviews, of which 2 chat reviews are not released yet and 1 is void, leaves 242 released; 3
 * wait for acknowledgement (Tom Becker's past its 7 days), the other 239 are acknowledged (and
 * Diego Alvarez acknowledged his upheld dispute's revision too: 240 in all). Marcus Chen's 8
 * calls since his coaching plan (db/seed/demo-coaching.ts) add 8 passes: 6 acknowledged, the
 * last 2 waiting.
 * Tom Becker's record shows his skipped identity checks (three auto-fails), Priya Natarajan's
 * her weaker early weeks.
 */
const EXPECTED_FEEDBACK = {
  "dana.reyes": { items: 21, awaiting: 0, overdue: 0, failed: 2 },
  "marcus.chen": { items: 32, awaiting: 3, overdue: 0, failed: 6 },
  "priya.natarajan": { items: 14, awaiting: 0, overdue: 0, failed: 8 },
  "tom.becker": { items: 15, awaiting: 1, overdue: 1, failed: 9 },
  "aisha.okafor": { items: 26, awaiting: 1, overdue: 0, failed: 6 },
  "liam.oconnor": { items: 16, awaiting: 0, overdue: 0, failed: 1 },
  "sofia.rossi": { items: 22, awaiting: 0, overdue: 0, failed: 6 },
  "kenji.watanabe": { items: 22, awaiting: 0, overdue: 0, failed: 2 },
  "elena.petrova": { items: 13, awaiting: 0, overdue: 0, failed: 0 },
  "jamal.wright": { items: 20, awaiting: 0, overdue: 0, failed: 9 },
  "hannah.kim": { items: 26, awaiting: 0, overdue: 0, failed: 7 },
  "diego.alvarez": { items: 23, awaiting: 0, overdue: 0, failed: 5 },
};
const ACKNOWLEDGED = 246;
const ACKNOWLEDGED_WITH_COMMENT = 50;
const AWAITING = 5;

describe("the demo's review history", () => {
  it("gives every demo agent released evaluations on My feedback: a few fails and an auto-fail, some acknowledged with a comment, some waiting", async () => {
    const viewers = await loadDemoViewers(db());
    const perAgent: Record<string, { items: number; awaiting: number; overdue: number; failed: number }> = {};
    for (const user of demoUsers.filter((u) => u.role === "agent")) {
      const { items } = await listMyFeedback(db(), viewers.get(user.key) as Viewer, feedbackQuery);
      perAgent[user.key] = {
        items: items.length,
        awaiting: items.filter((item) => item.awaitingAcknowledgement).length,
        overdue: items.filter((item) => item.acknowledgementOverdue).length,
        failed: items.filter((item) => !item.passed).length,
      };
    }
    expect(perAgent).toEqual(EXPECTED_FEEDBACK);
    const autoFailed = await db()
      .selectFrom("evaluations")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select("interactions.external_id")
      .where("evaluations.auto_failed", "=", true)
      .execute();
    expect(autoFailed.map((row) => row.external_id).sort()).toEqual([
      "call-billing-payment-no-verification-10d",
      "call-billing-payment-no-verification-31d",
      "call-billing-payment-no-verification-earlier",
    ]);
    const comments = await db().selectFrom("evaluation_acknowledgements").select("comment").execute();
    expect(comments.length).toBe(ACKNOWLEDGED);
    expect(comments.filter((row) => row.comment !== null).length).toBe(ACKNOWLEDGED_WITH_COMMENT);
    const latest = await db().selectFrom("evaluations").select((eb) => eb.fn.max("submitted_at").as("latest")).executeTakeFirstOrThrow();
    expect(new Date(latest.latest as Date).getTime()).toBeLessThan(NOW.getTime());
  });

  it("shows Marcus Chen's dip on empathy between five and three weeks back, and his recovery, while his other answers hold", async () => {
    const viewers = await loadDemoViewers(db());
    const marcus = viewers.get(DIP_AGENT) as Viewer;
    const rows = await db()
      .selectFrom("evaluations")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select(["interactions.started_at", "interactions.channel", "evaluations.answers"])
      .where("interactions.agent_id", "=", marcus.id)
      .where("evaluations.status", "=", "submitted")
      .execute();
    const empathyByPeriod = { before: [] as number[], dip: [] as number[], since: [] as number[] };
    for (const row of rows.filter((r) => r.channel === "call")) {
      const daysAgo = (NOW.getTime() - row.started_at.getTime()) / 86_400_000;
      const period = daysAgo > DIP_DAYS_AGO.to ? "before" : daysAgo >= DIP_DAYS_AGO.from ? "dip" : "since";
      empathyByPeriod[period].push((row.answers as Record<string, { value: number }>).empathy?.value ?? NaN);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(empathyByPeriod.dip.every((value) => value === 1)).toBe(true);
    expect(empathyByPeriod.dip.length).toBeGreaterThanOrEqual(3);
    expect(mean(empathyByPeriod.before)).toBeGreaterThanOrEqual(3.5);
    expect(mean(empathyByPeriod.since)).toBeGreaterThanOrEqual(3.5);
  });

  it("carries CSAT on the demo conversations (calls by the csat field, chats by the mapped metadata key) that follows what the reviews find", async () => {
    const bySource = await sql<{ channel: string; source: string | null; n: number }>`
      SELECT channel, csat_source AS source, count(*)::int AS n FROM interactions GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`.execute(db());
    // About four customers in five answer (every unhappy one); the coached agent's 8 calls since his plan carry no survey.
    expect(bySource.rows).toEqual([
      { channel: "call", source: "field", n: 112 },
      { channel: "call", source: null, n: 25 },
      { channel: "chat", source: "metadata", n: 104 },
      { channel: "chat", source: null, n: 20 },
    ]);
    const lead = (await loadDemoViewers(db())).get("leah.morgan") as Viewer;
    const range = { from: "2026-01-10", to: "2026-03-16" };
    const differences = await queryCriterionCsatDifference(db(), lead, range);
    const of = (questionId: string) => differences.find((row) => row.questionId === questionId)?.difference;
    // Customers feel empathy and resolution: conversations that failed them score far lower…
    expect(differences.find((row) => row.questionId === "empathy")).toMatchObject({ failed: { n: 12 }, passed: { n: 92 }, difference: { difference: -62.5 } });
    expect(of("empathy")?.interval.high).toBeLessThan(0);
    expect(of("tone")?.interval.high).toBeLessThan(0);
    // …and do not notice a skipped identity check: its interval straddles zero.
    expect(of("verified-identity")?.interval.low).toBeLessThan(0);
    expect(of("verified-identity")?.interval.high).toBeGreaterThan(0);

    // Every team has weekly CSAT, handling time and quality across the history: trends on every page.
    const kpis = await queryCustomerKpis(db(), lead, { ...range, groupBy: "team", period: "week" });
    const quality = await queryQuality(db(), lead, { ...range, groupBy: "team", period: "week" });
    const weeksWith = (points: { groupId: string | null }[]) => {
      const counts = new Map<string, number>();
      for (const point of points) counts.set(point.groupId ?? "", (counts.get(point.groupId ?? "") ?? 0) + 1);
      return [...counts.values()].sort((a, b) => a - b);
    };
    expect(weeksWith(kpis.filter((point) => point.csatResponses >= 2))).toEqual([8, 8, 9]);
    expect(weeksWith(quality.filter((point) => point.n >= 2))).toEqual([7, 9, 9]);
    expect(kpis.every((point) => point.handlingSeconds !== null && point.handlingSeconds.mean > 0)).toBe(true);
    // Marcus Chen's customers answer lower in his empathy dip than before it.
    const marcus = (await loadDemoViewers(db())).get(DIP_AGENT) as Viewer;
    const dip = await queryCustomerKpis(db(), lead, { groupBy: "agent", period: "month", agentId: marcus.id, from: "2026-02-06", to: "2026-02-22" });
    const before = await queryCustomerKpis(db(), lead, { groupBy: "agent", period: "month", agentId: marcus.id, from: "2026-01-10", to: "2026-02-05" });
    expect(dip.map((point) => [point.periodStart, point.csatResponses, point.csat?.mean])).toEqual([["2026-02-01", 10, 44.5]]);
    expect(before.map((point) => [point.periodStart, point.csatResponses, Math.round(point.csat?.mean ?? 0)])).toEqual([
      ["2026-01-01", 7, 86],
      ["2026-02-01", 3, 93],
    ]);
  });

  it("shows the QA lead who has not acknowledged (one overdue), one correction with its reason, one void and two chat reviews to release", async () => {
    const viewers = await loadDemoViewers(db());
    const lead = viewers.get("leah.morgan") as Viewer;
    const waiting = await listUnacknowledged(db(), lead, { ...feedbackQuery, overdueOnly: false });
    expect(waiting.counts).toEqual({ awaiting: AWAITING, overdue: 1 });
    expect(waiting.items.filter((item) => item.overdue).map((item) => item.agentName)).toEqual(["Tom Becker"]);
    const supervisorCounts = async (key: string) => (await listUnacknowledged(db(), viewers.get(key) as Viewer, { ...feedbackQuery, overdueOnly: false })).counts;
    expect(await supervisorCounts("sam.patel")).toEqual({ awaiting: 4, overdue: 1 });
    expect(await supervisorCounts("grace.liu")).toEqual({ awaiting: 1, overdue: 0 });

    const bySlug = (slug: string) =>
      db()
        .selectFrom("evaluations")
        .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
        .select(["evaluations.id", "evaluations.status", "evaluations.void_reason", "evaluations.released_at", "evaluations.passed"])
        .where("interactions.external_id", "=", slug)
        .executeTakeFirstOrThrow();
    const corrected = await bySlug("call-retention-cancel-moving-abroad");
    const revisions = await db()
      .selectFrom("evaluation_revisions")
      .select(["sequence", "cause", "reason", "passed", "created_at"])
      .where("evaluation_id", "=", corrected.id)
      .orderBy("sequence")
      .execute();
    expect(revisions.map((r) => [r.sequence, r.cause, r.passed])).toEqual([
      [1, "submit", false],
      [2, "edit", true],
    ]);
    expect(revisions[1]?.reason).toMatch(/recording disclosure/);
    // Backdated to the weeks they happened in, in order.
    expect((revisions[0]?.created_at as Date) < (revisions[1]?.created_at as Date)).toBe(true);
    expect((revisions[1]?.created_at as Date).getTime()).toBeLessThan(NOW.getTime() - 20 * 86_400_000);

    const voided = await bySlug("call-sales-add-mobile-line");
    expect(voided.status).toBe("void");
    expect(voided.void_reason).toMatch(/scored by mistake/);
    const voids = await db().selectFrom("evaluations").select("id").where("status", "=", "void").execute();
    expect(voids).toHaveLength(1);

    const unreleased = await db().selectFrom("evaluations").select("id").where("kind", "=", "review").where("status", "=", "submitted").where("released_at", "is", null).execute();
    expect(unreleased).toHaveLength(2);
  });

  it("fills the roll-ups behind Criteria, Reviewers and the team page as it seeds, and they agree with the rows", async () => {
    // The seed writes evaluations; the report rows' triggers keep every roll-up (decisions 0036–0038).
    const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db())).rows[0]?.n;
    const answers = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM report_question_results`);
    const evaluations = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM report_evaluations`);
    expect(answers).toBe(1284);
    expect(await count(sql<{ n: number }>`SELECT sum(n)::int AS n FROM rollup_org_daily_questions`)).toBe(answers);
    expect(await count(sql<{ n: number }>`SELECT sum(n)::int AS n FROM rollup_review_team_weekly_questions`)).toBe(answers);
    expect(await count(sql<{ n: number }>`SELECT sum(n)::int AS n FROM rollup_agent_monthly_questions`)).toBe(answers);
    expect(await count(sql<{ n: number }>`SELECT sum(n)::int AS n FROM rollup_reviewer WHERE basis = 'conversation' AND grain = 'day'`)).toBe(evaluations);

    // A lead's Criteria and Reviewers over February (whole month: read from the roll-ups) count what the rows hold.
    const lead = (await loadDemoViewers(db())).get("leah.morgan") as Viewer;
    const february = { from: "2026-02-01", to: "2026-02-28", period: "month" as const };
    const inFebruary = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM report_evaluations WHERE conversation_day BETWEEN '2026-02-01' AND '2026-02-28'`);
    const answersInFebruary = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM report_question_results WHERE conversation_day BETWEEN '2026-02-01' AND '2026-02-28'`);
    expect(inFebruary).toBeGreaterThan(50);
    const reviewers = await queryReviewers(db(), lead, february, NOW);
    expect(reviewers.reviewers.reduce((total, reviewer) => total + reviewer.n, 0)).toBe(inFebruary);
    const { criteria } = await queryCriteria(db(), lead, february);
    expect(criteria.reduce((total, criterion) => total + criterion.n, 0)).toBe(answersInFebruary);
  });

  it("leaves the sampled calls to the QA specialists' queue, unreviewed", async () => {
    const reviewedSampled = await db()
      .selectFrom("assignments")
      .innerJoin("evaluations", "evaluations.interaction_id", "assignments.interaction_id")
      .select("assignments.id")
      .execute();
    expect(reviewedSampled).toEqual([]);
    const open = await db().selectFrom("assignments").select("id").where("status", "=", "open").execute();
    expect(open).toHaveLength(8);
  });
});
