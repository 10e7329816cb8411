import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Viewer } from "./roles";

/** How many people the organisation has, and how many of them may log in (the home page's "People"). */
export async function countUsers(db: Database, viewer: Viewer): Promise<{ total: number; active: number }> {
  assertCan(viewer, "users:manage");
  const row = await db
    .selectFrom("users")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>("id").filterWhere("active", "=", true).as("active")])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), active: Number(row.active) };
}
