/**
 * The demo organisation a fresh `npm start` opens with, seeded into this file's
 * empty database through the real ingest use case (recordings go to S3): its people, teams,
 * conversations and their storage, scorecards and sampling rule, logins. What the demo holds
 * for each feature is in the other seed-demo-*.test.ts files.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db, pgPool } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { logIn } from "../../app/modules/auth/log-in.server";
import { createLoginThrottle } from "../../app/modules/auth/login-throttle.server";
import { loadSession } from "../../app/modules/auth/session.server";
import { listObjectKeys } from "../../test/factories";
import { count, seedDemoBeforeAll } from "./demo-seed-fixture";
import { demoEmail, DEMO_PASSWORD } from "./demo-organisation";
import { demoLogins, seedDemoIfEmpty } from "./seed-demo";

const seeded = seedDemoBeforeAll();

describe("seedDemoIfEmpty", () => {
  it("seeds 18 users in 3 teams and 261 interactions (the demo conversations and their copies over eight weeks, and the coached agent's 8 calls since his plan) into an empty database", async () => {
    expect(seeded.report()).toEqual({ seeded: true, users: 18, interactions: 261, assignments: 8, evaluations: 253 });
    expect(await count("users")).toBe(18);
    expect(await count("teams")).toBe(3);
    expect(await count("interactions")).toBe(261);
    const byChannel = await db()
      .selectFrom("interactions")
      .select(["channel", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("channel")
      .orderBy("channel")
      .execute();
    expect(byChannel.map((row) => [row.channel, Number(row.n)])).toEqual([
      ["call", 137],
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
    expect(await count("interactions")).toBe(261);
    expect(await listObjectKeys()).toEqual(objects);
  });
});
