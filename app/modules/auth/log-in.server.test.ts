import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, pgPool } from "../../lib/db.server";
import { seedTeam, seedUser } from "../../../test/factories";
import { setUserActive } from "../users/update-user.server";
import { logIn, type LogInResult } from "./log-in.server";
import { createLoginThrottle } from "./login-throttle.server";
import { loadSession } from "./session.server";

const MAX_FAILURES = 3;
const ACCOUNT_MAX_FAILURES = 9;
const throttle = () => createLoginThrottle(pgPool(), { maxFailures: MAX_FAILURES, lockoutMinutes: 15, accountMaxFailures: ACCOUNT_MAX_FAILURES });
// Each test uses its own client address so the per-address budget of one test does not leak into another.
const newIp = () => `10.${randomBytes(3).join(".")}`;

function attempt(email: string, password: string, ip: string): Promise<LogInResult> {
  return logIn(db(), throttle(), { email, password, ip, userAgent: "vitest", sessionTtlHours: 12 });
}

describe("logIn", () => {
  it("opens a session for the right password that loads the viewer with their teams", async () => {
    const team = await seedTeam();
    const agent = await seedUser("agent", [team.id]);
    const result = await attempt(agent.email, agent.password, newIp());
    if (!result.ok) throw new Error(`expected a session, got ${result.reason}`);
    expect(result.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * 3600 * 1000);

    const session = await loadSession(db(), result.token);
    expect(session?.viewer).toEqual({ id: agent.id, name: agent.name, email: agent.email, role: "agent", teamIds: [team.id] });
    expect(session?.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it("ignores the case and surrounding spaces of the email", async () => {
    const qa = await seedUser("qa");
    const result = await attempt(`  ${qa.email.toUpperCase()} `, qa.password, newIp());
    expect(result.ok).toBe(true);
  });

  it("answers 'invalid' for a wrong password, an unknown email and a deactivated account alike", async () => {
    const qa = await seedUser("qa");
    const admin = await seedUser("admin");
    const gone = await seedUser("agent");
    await setUserActive(db(), admin, gone.id, false);

    expect(await attempt(qa.email, "wrong password!", newIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody@example.test", qa.password, newIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(gone.email, gone.password, newIp())).toEqual({ ok: false, reason: "invalid" });
  });

  it("opens no session when the login fails", async () => {
    const qa = await seedUser("qa");
    await attempt(qa.email, "wrong password!", newIp());
    const sessions = await db().selectFrom("sessions").select("token_hash").where("user_id", "=", qa.id).execute();
    expect(sessions).toEqual([]);
  });

  it("locks an address out of an account after repeated failures, refusing even the right password from there", async () => {
    const qa = await seedUser("qa");
    const ip = newIp();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await attempt(qa.email, `wrong ${i}`, ip)).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await attempt(qa.email, qa.password, ip);
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    if (locked.ok || locked.reason !== "throttled") throw new Error("expected throttled");
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    const sessions = await db().selectFrom("sessions").select("token_hash").where("user_id", "=", qa.id).execute();
    expect(sessions).toEqual([]);
  });

  it("does not let a stranger lock the owner out: the owner signs in from their own address", async () => {
    const owner = await seedUser("admin");
    const stranger = newIp();
    for (let i = 0; i < MAX_FAILURES + 2; i++) await attempt(owner.email, `guess ${i}`, stranger);
    expect(await attempt(owner.email, owner.password, stranger)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attempt(owner.email, owner.password, newIp())).ok).toBe(true);
  });

  it("locks the account for every address once failures from many addresses reach the account limit, doubling each lock", async () => {
    const qa = await seedUser("qa");
    const campaign = async () => {
      // Spread so that no address reaches its own limit first.
      for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
        expect(await attempt(qa.email, `guess ${i}`, `192.0.2.${(i % 3) + 1}`)).toEqual({ ok: false, reason: "invalid" });
      }
      await db().deleteFrom("login_throttle").where("key", "like", "account-address:%").where("key", "like", `%${qa.email}|192.0.2.%`).execute();
      const locked = await attempt(qa.email, qa.password, newIp());
      if (locked.ok || locked.reason !== "throttled") throw new Error("expected the account to be locked");
      return locked.retryAfterSeconds;
    };
    // The lock (and the window) passing, as the shared rows see it.
    const expireAccount = () => db().updateTable("login_throttle").set({ expire: Date.now() - 1 }).where("key", "=", `account:${qa.email}`).execute();

    const first = await campaign();
    expect(first).toBeGreaterThan(14 * 60);
    expect(first).toBeLessThanOrEqual(15 * 60);
    await expireAccount();
    const second = await campaign();
    expect(second).toBeGreaterThan(29 * 60);
    expect(second).toBeLessThanOrEqual(30 * 60);

    // Once the owner is back in, the next lock starts from the shortest again.
    await expireAccount();
    expect((await attempt(qa.email, qa.password, newIp())).ok).toBe(true);
    expect(await campaign()).toBeLessThanOrEqual(15 * 60);
  });

  it("counts failures per account regardless of how the email is typed", async () => {
    const qa = await seedUser("qa");
    const ip = newIp();
    const spellings = [qa.email, qa.email.toUpperCase(), ` ${qa.email} `];
    for (const email of spellings) await attempt(email, "wrong password!", ip);
    expect(await attempt(qa.email, qa.password, ip)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("does not lock other accounts when one is locked", async () => {
    const locked = await seedUser("qa");
    const other = await seedUser("qa");
    const ip = newIp();
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(locked.email, "wrong password!", ip);
    expect((await attempt(other.email, other.password, ip)).ok).toBe(true);
  });

  it("resets the account's failure count after a successful login", async () => {
    const qa = await seedUser("qa");
    const ip = newIp();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(qa.email, "wrong password!", ip);
    expect((await attempt(qa.email, qa.password, ip)).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(await attempt(qa.email, "wrong password!", ip)).toEqual({ ok: false, reason: "invalid" });
    }
    // Without the reset this would be failure number 2 × (MAX_FAILURES − 1) ≥ MAX_FAILURES: locked.
    expect((await attempt(qa.email, qa.password, ip)).ok).toBe(true);
  });

  it("throttles one address that sprays many accounts", async () => {
    const ip = newIp();
    // The per-address budget is ten times the per-account one; spread over unknown emails.
    for (let i = 0; i < MAX_FAILURES * 10; i++) await attempt(`spray${i}@example.test`, "password123", ip);
    const qa = await seedUser("qa");
    expect(await attempt(qa.email, qa.password, ip)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attempt(qa.email, qa.password, newIp())).ok).toBe(true);
  });

  it("lifts the lock once the lock-out period has passed", async () => {
    const qa = await seedUser("qa");
    const ip = newIp();
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(qa.email, "wrong password!", ip);
    expect(await attempt(qa.email, qa.password, ip)).toMatchObject({ ok: false, reason: "throttled" });

    // Fast-forward: the throttle's rows (shared by every server process) expire now.
    await db()
      .updateTable("login_throttle")
      .set({ expire: Date.now() - 1 })
      .where("key", "like", `%${qa.email}%`)
      .execute();
    expect((await attempt(qa.email, qa.password, ip)).ok).toBe(true);
  });
});
