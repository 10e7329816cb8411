import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { hashPassword } from "../auth/password.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import { setTeamLinks } from "./set-team-links.server";
import { teamRuleError, type CreateUserInput } from "./user.schema";

export async function createUser(db: Database, actor: Actor, input: CreateUserInput): Promise<{ id: string }> {
  assertCan(actor, "users:manage");
  const teamError = teamRuleError(input.role, input.teamIds);
  if (teamError) throw new DomainError("invalid", teamError, { teamIds: teamError });
  const passwordHash = await hashPassword(input.password);
  try {
    return await insertUser(db, actor, input, passwordHash);
  } catch (error) {
    // Two admins adding the same email at once: the unique index decides.
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
    throw error;
  }
}

export const emailTaken = () =>
  new DomainError("invalid", "That email is already in use.", { email: "Another user has this email" });

function insertUser(db: Database, actor: Actor, input: CreateUserInput, passwordHash: string) {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("users")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", input.email.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw emailTaken();
    const { id } = await trx
      .insertInto("users")
      .values({ name: input.name, email: input.email, role: input.role, password_hash: passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setTeamLinks(trx, id, input.role, input.teamIds);
    await recordAudit(trx, {
      actorId: actor,
      action: "user.create",
      entityType: "user",
      entityId: id,
      after: { name: input.name, email: input.email, role: input.role, teamIds: input.teamIds },
    });
    return { id };
  });
}
