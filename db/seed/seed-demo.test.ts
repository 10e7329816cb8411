/**
 * The demo organisation a fresh `npm start` opens with, seeded into this file's
 * empty database through the real ingest use case (recordings go to S3).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db, pgPool } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { logIn } from "../../app/modules/auth/log-in.server";
import { createLoginThrottle } from "../../app/modules/auth/login-throttle.server";
import { loadSession } from "../../app/modules/auth/session.server";
import { listObjectKeys } from "../../test/factories";
import { listMyFeedback } from "../../app/modules/feedback/list-my-feedback.server";
import { listUnacknowledged } from "../../app/modules/feedback/list-unacknowledged.server";
import type { Viewer } from "../../app/modules/users/roles";
import { DIP_AGENT, DIP_DAYS_AGO, loadDemoViewers, SELF_EVALUATING_TEAM_AGENTS } from "./demo-evaluations";
import { UPHELD_SLUG } from "./demo-disputes";
import { demoThreads } from "./demo-threads";
import { listDisputes } from "../../app/modules/disputes/list-disputes.server";
import { demoEmail, demoUsers, DEMO_PASSWORD } from "./demo-organisation";
import { demoLogins, seedDemoIfEmpty, type SeedReport } from "./seed-demo";
import { queryCustomerKpis } from "../../app/modules/reports/query-customer-kpis.server";
import { queryCriterionCsatDifference } from "../../app/modules/reports/query-csat-difference.server";
import { queryQuality } from "../../app/modules/reports/query-quality.server";

let first: SeedReport;
const NOW = new Date("2026-03-16T12:00:00.000Z");
const feedbackQuery = { limit: 100, now: NOW, timeZone: "Europe/London" };

beforeAll(async () => {
  // How long it takes is a benchmark (npm run bench:seed), not a test.
  first = await seedDemoIfEmpty(db(), blobStore(), NOW);
}, 120_000);

/**
 * What each agent's My feedback holds on the seed's day (db/seed/demo-evaluations.ts): 245
 * reviews, of which 2 chat reviews are not released yet and 1 is void, leaves 242 released; 3
 * wait for acknowledgement (Tom Becker's past its 7 days), the other 239 are acknowledged (and
 * Diego Alvarez acknowledged his upheld dispute's revision too: 240 in all).
 * Tom Becker's record shows his skipped identity checks (three auto-fails), Priya Natarajan's
 * her weaker early weeks.
 */
const EXPECTED_FEEDBACK = {
  "dana.reyes": { items: 21, awaiting: 0, overdue: 0, failed: 2 },
  "marcus.chen": { items: 24, awaiting: 1, overdue: 0, failed: 6 },
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
const ACKNOWLEDGED = 240;
const ACKNOWLEDGED_WITH_COMMENT = 50;
const AWAITING = 3;
const SELF_EVALUATIONS = 20;

const count = async (table: "users" | "teams" | "interactions" | "team_members") =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

describe("seedDemoIfEmpty", () => {
  it("seeds 18 users in 3 teams and 253 interactions (the demo conversations and their copies over eight weeks) into an empty database", async () => {
    expect(first).toEqual({ seeded: true, users: 18, interactions: 253, assignments: 8, evaluations: 245 });
    expect(await count("users")).toBe(18);
    expect(await count("teams")).toBe(3);
    expect(await count("interactions")).toBe(253);
    const byChannel = await db()
      .selectFrom("interactions")
      .select(["channel", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("channel")
      .orderBy("channel")
      .execute();
    expect(byChannel.map((row) => [row.channel, Number(row.n)])).toEqual([
      ["call", 129],
      ["chat", 124],
    ]);
  });

  it("publishes the demo scorecards and runs the weekly call rule, sharing its calls between the two QA specialists", async () => {
    const scorecards = await db()
      .selectFrom("scorecards")
      .innerJoin("scorecard_versions", "scorecard_versions.scorecard_id", "scorecards.id")
      .select(["scorecards.name", "scorecard_versions.status"])
      .orderBy("scorecards.name")
      .execute();
    expect(scorecards).toEqual([
      { name: "Call quality", status: "published" },
      { name: "Chat quality", status: "published" },
    ]);
    const perReviewer = await db()
      .selectFrom("assignments")
      .innerJoin("users", "users.id", "assignments.reviewer_id")
      .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
      .select(["users.email", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("interactions.agent_id").distinct().as("agents")])
      .where("interactions.channel", "=", "call")
      .where("assignments.status", "=", "open")
      .groupBy("users.email")
      .orderBy("users.email")
      .execute();
    expect(perReviewer.map((row) => [row.email, Number(row.n)])).toEqual([
      [demoEmail("quinn.harper"), 4],
      [demoEmail("rosa.lindqvist"), 4],
    ]);
    const rule = await db().selectFrom("sampling_rules").select(["name", "next_run_at"]).executeTakeFirstOrThrow();
    expect(rule.name).toBe("Weekly call review");
    expect(rule.next_run_at).not.toBeNull();
  });

  it("stores every call's recording and every transcript in object storage", async () => {
    const rows = await db().selectFrom("interactions").select(["id", "channel", "recording_key", "transcript_key", "recording_size"]).execute();
    const keys = new Set(await listObjectKeys());
    for (const row of rows) {
      expect(row.transcript_key && keys.has(row.transcript_key)).toBe(true);
      if (row.channel === "call") {
        expect(row.recording_key).toBe(`interactions/${row.id}/recording.wav`);
        const head = await blobStore().head(row.recording_key as string);
        expect(head).toMatchObject({ contentType: "audio/wav", size: row.recording_size });
        expect(head?.size).toBeGreaterThan(10_000);
      } else {
        expect(row.recording_key).toBeNull();
      }
    }
  });

  it("gives each copy of a demo call, copied in storage, exactly the bytes of its recording file", async () => {
    const manifest = JSON.parse(await fs.readFile(path.resolve("db/seed/demo/manifest.json"), "utf8")) as Array<{ slug: string; recording?: string }>;
    const call = manifest.find((entry) => entry.recording)!;
    const rows = await db().selectFrom("interactions").select(["external_id", "recording_key"]).where("external_id", "like", `${call.slug}%`).orderBy("external_id").execute();
    // The original, its "earlier" copy and the copies back in time.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const file = await fs.readFile(path.resolve("db/seed/demo", call.recording!));
    for (const row of rows) expect(Buffer.compare(await blobStore().get(row.recording_key!), file), row.external_id).toBe(0);
    expect(new Set(rows.map((row) => row.recording_key)).size).toBe(rows.length);
  });

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
    // About four customers in five answer (every unhappy one).
    expect(bySource.rows).toEqual([
      { channel: "call", source: "field", n: 112 },
      { channel: "call", source: null, n: 17 },
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
    expect(weeksWith(quality.filter((point) => point.n >= 2))).toEqual([7, 7, 9]);
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

  it("gives the QA lead's dispute queue three active disputes (one overdue, one in review) and two decided, the upheld one with its revision", async () => {
    const viewers = await loadDemoViewers(db());
    const lead = viewers.get("leah.morgan") as Viewer;
    const { items } = await listDisputes(db(), lead, { status: "all", overdueOnly: false, limit: 50, now: NOW });
    expect(items.map((item) => [item.agentName, item.state, item.overdue]).sort()).toEqual([
      ["Diego Alvarez", "upheld", false],
      ["Jamal Wright", "rejected", false],
      ["Marcus Chen", "open", false],
      ["Sofia Rossi", "open", true],
      ["Tom Becker", "in_review", false],
    ]);
    const marcus = items.find((item) => item.agentName === "Marcus Chen");
    expect(marcus?.raisedByName).toBe("Sam Patel");
    const upheld = await db()
      .selectFrom("evaluation_revisions")
      .innerJoin("evaluations", "evaluations.id", "evaluation_revisions.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select(["evaluation_revisions.sequence", "evaluation_revisions.cause", "evaluation_revisions.score", "evaluations.current_revision_id", "evaluation_revisions.id"])
      .where("interactions.external_id", "=", UPHELD_SLUG)
      .orderBy("evaluation_revisions.sequence")
      .execute();
    expect(upheld.map((r) => [r.sequence, r.cause])).toEqual([
      [1, "submit"],
      [2, "dispute"],
    ]);
    expect(upheld[1]?.score as number).toBeGreaterThan(upheld[0]?.score as number);
    expect(upheld[1]?.current_revision_id).toBe(upheld[1]?.id);
    // Sam Patel sees his teams' disputes only: Billing and Retention, not Sofia's (Technical Support).
    const sam = await listDisputes(db(), viewers.get("sam.patel") as Viewer, { status: "all", overdueOnly: false, limit: 50, now: NOW });
    expect(sam.items.map((item) => item.agentName).sort()).toEqual(["Diego Alvarez", "Jamal Wright", "Marcus Chen", "Tom Becker"]);
  });

  it("puts comment threads on six reviews: the agent asks, the reviewer answers, a supervisor or the lead joins in", async () => {
    const threads = await db()
      .selectFrom("evaluation_comments")
      .innerJoin("evaluations", "evaluations.id", "evaluation_comments.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select(["interactions.external_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("interactions.external_id")
      .execute();
    expect(Object.fromEntries(threads.map((t) => [t.external_id, Number(t.n)]))).toEqual(
      Object.fromEntries(demoThreads.map((thread) => [thread.slug, thread.comments.length])),
    );
    expect(threads).toHaveLength(6);
    // Tom's question reached his reviewer; Sam's reply reached Tom.
    const viewers = await loadDemoViewers(db());
    const told = await db()
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("recipient_id", "=", (viewers.get("tom.becker") as Viewer).id)
      .where("kind", "=", "comment_added")
      .executeTakeFirstOrThrow();
    expect(Number(told.n)).toBe(2);
  });

  it("has Technical Support's agents self-evaluate every call of the last six weeks before it was reviewed, a step kinder than their reviewers", async () => {
    const rows = await db()
      .selectFrom("evaluations as self")
      .innerJoin("interactions", "interactions.id", "self.interaction_id")
      .innerJoin("users", "users.id", "interactions.agent_id")
      .innerJoin("evaluations as review", (join) => join.onRef("review.interaction_id", "=", "self.interaction_id").on("review.kind", "=", "review"))
      .select(["users.email", "self.score as selfScore", "review.score as reviewScore", "self.submitted_at as selfAt", "review.submitted_at as reviewAt", "self.released_at"])
      .where("self.kind", "=", "self")
      .execute();
    expect(rows.length).toBe(SELF_EVALUATIONS);
    expect(new Set(rows.map((row) => row.email.split("@")[0])).size).toBeLessThanOrEqual(4);
    for (const row of rows) {
      expect(SELF_EVALUATING_TEAM_AGENTS).toContain(row.email.split("@")[0]);
      expect((row.selfAt as Date) < (row.reviewAt as Date)).toBe(true);
      expect(row.released_at).toBeNull();
      expect(row.selfScore as number).toBeGreaterThanOrEqual(row.reviewScore as number);
    }
  });

  it("shows the QA lead who has not acknowledged (one overdue), one correction with its reason, one void and two chat reviews to release", async () => {
    const viewers = await loadDemoViewers(db());
    const lead = viewers.get("leah.morgan") as Viewer;
    const waiting = await listUnacknowledged(db(), lead, { ...feedbackQuery, overdueOnly: false });
    expect(waiting.counts).toEqual({ awaiting: AWAITING, overdue: 1 });
    expect(waiting.items.filter((item) => item.overdue).map((item) => item.agentName)).toEqual(["Tom Becker"]);
    const supervisorCounts = async (key: string) => (await listUnacknowledged(db(), viewers.get(key) as Viewer, { ...feedbackQuery, overdueOnly: false })).counts;
    expect(await supervisorCounts("sam.patel")).toEqual({ awaiting: 2, overdue: 1 });
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

  it("gives every demo agent at least two interactions, each in the agent's team", async () => {
    const perAgent = await db()
      .selectFrom("users")
      .leftJoin("interactions", "interactions.agent_id", "users.id")
      .select(["users.email", (eb) => eb.fn.count<number>("interactions.id").as("n")])
      .where("users.role", "=", "agent")
      .groupBy("users.email")
      .execute();
    expect(perAgent).toHaveLength(12);
    const short = perAgent.filter((agent) => Number(agent.n) < 2).map((agent) => agent.email);
    expect(short).toEqual([]);

    const outsideTeam = await db()
      .selectFrom("interactions")
      .innerJoin("team_members", (join) => join.onRef("team_members.user_id", "=", "interactions.agent_id").on("team_members.kind", "=", "agent"))
      .select("interactions.external_id")
      .where(sql<boolean>`interactions.team_id is distinct from team_members.team_id`)
      .execute();
    expect(outsideTeam).toEqual([]);
  });

  it("lets every demo login sign in with the documented password", async () => {
    const throttle = createLoginThrottle(pgPool(), { maxFailures: 5, lockoutMinutes: 15, accountMaxFailures: 50 });
    const logins = demoLogins();
    expect(logins.map((login) => login.email)).toContain(demoEmail("admin"));
    for (const login of logins) {
      const result = await logIn(db(), throttle, { email: login.email, password: DEMO_PASSWORD, ip: "127.0.0.1", sessionTtlHours: 1 });
      if (!result.ok) throw new Error(`${login.email} cannot sign in: ${result.reason}`);
      expect((await loadSession(db(), result.token))?.viewer.role).toBe(login.role);
    }
  });

  it("gives supervisors their demo teams", async () => {
    const teamsOf = async (key: string) =>
      (
        await db()
          .selectFrom("team_members")
          .innerJoin("users", "users.id", "team_members.user_id")
          .innerJoin("teams", "teams.id", "team_members.team_id")
          .select("teams.name")
          .where("users.email", "=", demoEmail(key))
          .where("team_members.kind", "=", "supervisor")
          .orderBy("teams.name")
          .execute()
      ).map((row) => row.name);
    expect(await teamsOf("sam.patel")).toEqual(["Billing", "Retention"]);
    expect(await teamsOf("grace.liu")).toEqual(["Technical Support"]);
  });

  it("does nothing the second time", async () => {
    const objects = await listObjectKeys();
    expect(await seedDemoIfEmpty(db(), blobStore())).toEqual({ seeded: false, users: 0, interactions: 0, assignments: 0, evaluations: 0 });
    expect(await count("users")).toBe(18);
    expect(await count("interactions")).toBe(253);
    expect(await listObjectKeys()).toEqual(objects);
  });
});
