import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";

async function assertNameFree(db: Database, name: string, exceptId?: string) {
  let q = db.selectFrom("teams").select("id").where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) {
    throw new DomainError("invalid", "A team with that name exists.", { name: "Choose another name" });
  }
}

export async function createTeam(db: Database, actorId: string, name: string): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, name);
    const { id } = await trx.insertInto("teams").values({ name }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: "team.create", entityType: "team", entityId: id, after: { name } });
    return { id };
  });
}

export async function renameTeam(db: Database, actorId: string, teamId: string, name: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom("teams").select("name").where("id", "=", teamId).forUpdate().executeTakeFirst();
    if (!team) throw notFound("Team");
    await assertNameFree(trx, name, teamId);
    await trx.updateTable("teams").set({ name }).where("id", "=", teamId).execute();
    await recordAudit(trx, {
      actorId,
      action: "team.rename",
      entityType: "team",
      entityId: teamId,
      before: { name: team.name },
      after: { name },
    });
  });
}
