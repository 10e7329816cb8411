import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { emailTaken } from "./create-user.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { isUser } from "../audit/actor";
import { recordAudit } from "../audit/record-audit.server";
import { destroyUserSessions } from "../auth/session.server";
import { setTeamLinks } from "./set-team-links.server";
import { teamRuleError, type UserFields } from "./user.schema";

export async function updateUser(db: Database, actor: Actor, userId: string, input: UserFields): Promise<void> {
  assertCan(actor, "users:manage");
  const teamError = teamRuleError(input.role, input.teamIds);
  if (teamError) throw new DomainError("invalid", teamError, { teamIds: teamError });
  await translateEmailClash(db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["name", "email", "role"])
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound("User");
    if (isUser(actor, userId) && before.role === "admin" && input.role !== "admin") {
      throw new DomainError("invalid", "You cannot remove your own admin role.", { role: "Ask another admin" });
    }
    const clash = await trx
      .selectFrom("users")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", input.email.toLowerCase()))
      .where("id", "!=", userId)
      .executeTakeFirst();
    if (clash) throw emailTaken();
    await trx
      .updateTable("users")
      .set({ name: input.name, email: input.email, role: input.role, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    await setTeamLinks(trx, userId, input.role, input.teamIds);
    await recordAudit(trx, { actorId: actor, action: "user.update", entityType: "user", entityId: userId, before, after: input });
  }));
}

async function translateEmailClash(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
    throw error;
  }
}

/**
 * Deactivating ends the user's sessions and revokes their API tokens at once, for good:
 * reactivating brings the person back, not the tokens (they make new ones). Their history
 * (interactions, scores) stays.
 */
export async function setUserActive(db: Database, actor: Actor, userId: string, active: boolean): Promise<void> {
  assertCan(actor, "users:manage");
  if (isUser(actor, userId) && !active) throw new DomainError("invalid", "You cannot deactivate your own account.");
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["active"]).where("id", "=", userId).forUpdate().executeTakeFirst();
    if (!user) throw notFound("User");
    if (user.active === active) return;
    await trx
      .updateTable("users")
      .set({ active, deactivated_at: active ? null : new Date(), updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    const revokedTokens = active ? 0 : await revokeUserTokens(trx, userId);
    if (!active) await destroyUserSessions(trx, userId);
    const entity = { actorId: actor, entityType: "user", entityId: userId } as const;
    await recordAudit(
      trx,
      active
        ? { ...entity, action: "user.reactivate", before: { active: false }, after: { active: true } }
        : { ...entity, action: "user.deactivate", before: { active: true }, after: { active: false, revokedTokens } },
    );
  });
}

/** Revokes every API token of the user still in force; how many. */
async function revokeUserTokens(trx: Database, userId: string): Promise<number> {
  const revoked = await trx.updateTable("api_tokens").set({ revoked_at: new Date() }).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(revoked.numUpdatedRows);
}
