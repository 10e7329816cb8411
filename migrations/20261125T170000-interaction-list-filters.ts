import { sql, type Kysely } from "kysely";

// Support for the interaction list's filters (measured on 500,000 synthetic rows).
//
// 1. The list offers the queues seen in the viewer's scope. Without an index that
//    leads with the scope and then the queue, that means reading every interaction
//    in scope on each page view (270 ms for a supervisor at 500k rows, growing with
//    the table). With (team_id, queue) it is a loose index scan, one probe per team
//    and queue (under 1 ms), for QA and admins (every team) and supervisors alike.
//
// 2. Words are searched newest first, 25 at a time. The planner chooses between
//    walking interactions_started_idx (good for common words) and the GIN index on
//    search_vector (good for rare ones) from its estimate of how common the words
//    are. With the default statistics it keeps about a thousand lexemes and guesses
//    anything rarer to be fairly common, so a rare or absent word walked the whole
//    table (0.8–1.4 s at 500k rows). Keeping ten times as many lexemes makes those
//    estimates right (under 1 ms) at the price of a slower ANALYZE.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("interactions_team_queue_idx").on("interactions").columns(["team_id", "queue"]).execute();
  await sql`ALTER TABLE interactions ALTER COLUMN search_vector SET STATISTICS 1000`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE interactions ALTER COLUMN search_vector SET STATISTICS -1`.execute(db);
  await db.schema.dropIndex("interactions_team_queue_idx").execute();
}
