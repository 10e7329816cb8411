import type { Updateable } from "kysely";
import type { DB } from "../db/types.generated";
import { db } from "../app/lib/db.server";

type OrganisationColumns = Updateable<DB["organisation"]>;

/**
 * Runs `body` with some organisation settings changed (column names as in the table, e.g.
 * `{ dispute_supervisor_first_line: true }`), then puts the row back as it was. A fresh test
 * database has no organisation row; it is created for the body and removed after.
 */
export async function withOrganisationSettings<T>(settings: OrganisationColumns, body: () => Promise<T>): Promise<T> {
  const before = await db().selectFrom("organisation").selectAll().where("id", "=", 1).executeTakeFirst();
  await db().insertInto("organisation").values({ id: 1, name: "Parley" }).onConflict((oc) => oc.column("id").doNothing()).execute();
  if (Object.keys(settings).length > 0) await db().updateTable("organisation").set(settings).where("id", "=", 1).execute();
  try {
    return await body();
  } finally {
    if (before) await db().updateTable("organisation").set(before).where("id", "=", 1).execute();
    else await db().deleteFrom("organisation").where("id", "=", 1).execute();
  }
}
