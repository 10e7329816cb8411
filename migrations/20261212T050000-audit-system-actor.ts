import { sql, type Kysely } from "kysely";

// The audit log names who acted. A person is a users row (actor_id); a part of Parley acting
// on its own (the admin command line) has no row, so it is recorded by name in actor_system
// instead of leaving the entry anonymous. An entry names at most one of the two.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("actor_system", "text").execute();
  await sql`ALTER TABLE audit_log ADD CONSTRAINT audit_log_one_actor CHECK (actor_id IS NULL OR actor_system IS NULL)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").dropConstraint("audit_log_one_actor").execute();
  await db.schema.alterTable("audit_log").dropColumn("actor_system").execute();
}
