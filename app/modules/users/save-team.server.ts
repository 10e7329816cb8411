import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { DomainError, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { recordAudit } from "../audit/record-audit.server";

const nameTaken = () => new DomainError("invalid", "A team with that name exists.", { name: "Choose another name" });

/** Two admins saving the same name at once: the index decides, and the loser gets the same message. */
async function translateNameClash<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, "teams_name_key")) throw nameTaken();
    throw error;
  }
}

async function assertNameFree(db: Database, name: string, exceptId?: string) {
  let q = db.selectFrom("teams").select("id").where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) {
    throw nameTaken();
  }
}

export async function createTeam(db: Database, actor: Actor, name: string): Promise<{ id: string }> {
  assertCan(actor, "teams:manage");
  return translateNameClash(db.transaction().execute(async (trx) => {
    await assertNameFree(trx, name);
    const { id } = await trx.insertInto("teams").values({ name }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor, action: "team.create", entityType: "team", entityId: id, after: { name } });
    return { id };
  }));
}

export async function renameTeam(db: Database, actor: Actor, teamId: string, name: string): Promise<void> {
  assertCan(actor, "teams:manage");
  await translateNameClash(db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom("teams").select("name").where("id", "=", teamId).forUpdate().executeTakeFirst();
    if (!team) throw notFound("Team");
    await assertNameFree(trx, name, teamId);
    await trx.updateTable("teams").set({ name }).where("id", "=", teamId).execute();
    await recordAudit(trx, {
      actorId: actor,
      action: "team.rename",
      entityType: "team",
      entityId: teamId,
      before: { name: team.name },
      after: { name },
    });
  }));
}
