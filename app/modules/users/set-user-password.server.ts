import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import { hashPassword } from "../auth/password.server";
import { destroyUserSessions } from "../auth/session.server";
import { passwordSchema } from "./user.schema";

/**
 * Gives a user a new password, the reset an admin does without email. Every session of
 * theirs ends: whoever knew the old password is signed out. The audit entry records the
 * fact, never the password or its hash.
 */
export async function setUserPassword(db: Database, actor: Actor, userId: string, password: string): Promise<void> {
  assertCan(actor, "users:manage");
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Password is not valid";
    throw new DomainError("invalid", message, { password: message });
  }
  const passwordHash = await hashPassword(parsed.data);
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
    if (!user) throw notFound("User");
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", userId).execute();
    await destroyUserSessions(trx, userId);
    await recordAudit(trx, { actorId: actor, action: "user.set_password", entityType: "user", entityId: userId });
  });
}
