import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../../lib/db.server";
import type { Role, Viewer } from "../users/roles";

export interface SessionRecord {
  viewer: Viewer;
  csrfToken: string;
  expiresAt: Date;
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

// Writing last_seen_at on every request would turn each page view into a write.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export async function createSession(
  db: Database,
  { userId, ttlHours, userAgent }: { userId: string; ttlHours: number; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlHours * 3600 * 1000);
  await db
    .insertInto("sessions")
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      csrf_token: randomBytes(32).toString("base64url"),
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** The live session for a cookie token: unexpired, and its user still active. */
export async function loadSession(db: Database, token: string): Promise<SessionRecord | null> {
  const hash = tokenHash(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.csrf_token",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.id",
      "users.name",
      "users.email",
      "users.role",
    ])
    .where("sessions.token_hash", "=", hash)
    .where("sessions.expires_at", ">", new Date())
    .where("users.active", "=", true)
    .executeTakeFirst();
  if (!row) return null;

  const teams = await db.selectFrom("team_members").select("team_id").where("user_id", "=", row.id).execute();
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable("sessions").set({ last_seen_at: new Date() }).where("token_hash", "=", hash).execute();
  }
  return {
    viewer: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role as Role,
      teamIds: teams.map((team) => team.team_id),
    },
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

export async function destroySession(db: Database, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash(token)).execute();
}

export async function destroyUserSessions(db: Database, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: Database): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<=", new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
