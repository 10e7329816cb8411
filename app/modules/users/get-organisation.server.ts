import type { Database } from "../../lib/db.server";

export interface Organisation {
  name: string;
  timeZone: string;
}

export async function getOrganisation(db: Database): Promise<Organisation> {
  const row = await db.selectFrom("organisation").select(["name", "time_zone"]).where("id", "=", 1).executeTakeFirst();
  return { name: row?.name ?? "Parley", timeZone: row?.time_zone ?? "UTC" };
}
