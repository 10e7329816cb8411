import type { Database } from "../../lib/db.server";
import type { LoginThrottle } from "./login-throttle.server";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { createSession } from "./session.server";

export type LogInResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks credentials and opens a session. Unknown email, wrong password and a
 * deactivated account all answer the same "invalid", so the form does not reveal
 * which accounts exist.
 */
export async function logIn(
  db: Database,
  throttle: LoginThrottle,
  input: { email: string; password: string; ip: string; userAgent?: string | null; sessionTtlHours: number },
): Promise<LogInResult> {
  const retryAfterSeconds = await throttle.retryAfter(input.email, input.ip);
  if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", input.email.trim().toLowerCase()))
    .executeTakeFirst();

  const valid = user ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !valid || !user.active) {
    await throttle.recordFailure(input.email, input.ip);
    return { ok: false, reason: "invalid" };
  }

  await throttle.recordSuccess(input.email, input.ip);
  const session = await createSession(db, {
    userId: user.id,
    ttlHours: input.sessionTtlHours,
    userAgent: input.userAgent,
  });
  return { ok: true, ...session };
}
