import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedUser } from "../../../test/factories";
import { setUserActive } from "../users/update-user.server";
import { createSession, deleteExpiredSessions, destroySession, loadSession } from "./session.server";

async function newSession(role: "qa" | "agent" = "qa") {
  const user = await seedUser(role);
  const session = await createSession(db(), { userId: user.id, ttlHours: 8, userAgent: "vitest" });
  return { user, ...session };
}

describe("sessions", () => {
  it("loads a live session with a fresh CSRF token per session", async () => {
    const { user, token } = await newSession();
    const other = await createSession(db(), { userId: user.id, ttlHours: 8 });
    const first = await loadSession(db(), token);
    const second = await loadSession(db(), other.token);
    expect(first?.viewer.id).toBe(user.id);
    expect(second?.viewer.id).toBe(user.id);
    expect(first?.csrfToken).not.toBe(second?.csrfToken);
  });

  it("does not load an expired session", async () => {
    const { user, token } = await newSession();
    await db()
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", user.id)
      .execute();
    expect(await loadSession(db(), token)).toBeNull();
  });

  it("does not load an unknown token", async () => {
    expect(await loadSession(db(), "made-up-token")).toBeNull();
  });

  it("logs out: a destroyed session no longer loads, the user's other sessions still do", async () => {
    const { user, token } = await newSession();
    const laptop = await createSession(db(), { userId: user.id, ttlHours: 8 });
    await destroySession(db(), token);
    expect(await loadSession(db(), token)).toBeNull();
    expect(await loadSession(db(), laptop.token)).not.toBeNull();
  });

  it("ends every session of a user who is deactivated, and they stay out once reactivated", async () => {
    const admin = await seedUser("admin");
    const { user, token } = await newSession("agent");
    const phone = await createSession(db(), { userId: user.id, ttlHours: 8 });
    await setUserActive(db(), admin, user.id, false);
    expect(await loadSession(db(), token)).toBeNull();
    expect(await loadSession(db(), phone.token)).toBeNull();
    expect(await db().selectFrom("sessions").select("token_hash").where("user_id", "=", user.id).execute()).toEqual([]);

    await setUserActive(db(), admin, user.id, true);
    expect(await loadSession(db(), token)).toBeNull();
  });

  it("stores only a hash of the token, so a leaked sessions table cannot be replayed", async () => {
    const { user, token } = await newSession();
    const rows = await db().selectFrom("sessions").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error("no session row");
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.token_hash).not.toBe(token);
    expect(await loadSession(db(), row.token_hash)).toBeNull();
  });

  it("keeps the browser's user agent, cut to 300 characters", async () => {
    const user = await seedUser("qa");
    await createSession(db(), { userId: user.id, ttlHours: 1, userAgent: "U".repeat(1000) });
    const row = await db().selectFrom("sessions").select("user_agent").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.user_agent).toHaveLength(300);
  });

  it("records activity at most every few minutes, not on every request", async () => {
    const { user, token } = await newSession();
    const stale = new Date(Date.now() - 10 * 60 * 1000);
    await db().updateTable("sessions").set({ last_seen_at: stale }).where("user_id", "=", user.id).execute();
    await loadSession(db(), token);
    const touched = await db().selectFrom("sessions").select("last_seen_at").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(touched.last_seen_at.getTime()).toBeGreaterThan(stale.getTime());

    await loadSession(db(), token);
    const again = await db().selectFrom("sessions").select("last_seen_at").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(again.last_seen_at.getTime()).toBe(touched.last_seen_at.getTime());
  });

  it("deletes expired sessions in bulk and leaves live ones", async () => {
    const expired = await newSession();
    const live = await newSession();
    await db()
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", expired.user.id)
      .execute();
    expect(await deleteExpiredSessions(db())).toBeGreaterThanOrEqual(1);
    expect(await db().selectFrom("sessions").select("user_id").where("user_id", "=", expired.user.id).execute()).toEqual([]);
    expect(await loadSession(db(), live.token)).not.toBeNull();
  });
});
