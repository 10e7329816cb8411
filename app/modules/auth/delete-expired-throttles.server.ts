import type { Database } from "../../lib/db.server";

/** Every email tried (made-up ones too) leaves a throttle row; drop those whose window has passed. */
export async function deleteExpiredThrottles(db: Database, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom("login_throttle").where("expire", "<", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
