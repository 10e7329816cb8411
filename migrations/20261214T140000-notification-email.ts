import { sql, type Kysely } from "kysely";

// Email for notifications (issue 13 §7, docs/decisions/0018). Each user chooses which kinds of
// notification also come by email: a row records a choice; a kind without one comes by email
// (the default). Kinds are not checked here: the app's list (notification-kinds.ts) is the one
// that grows, and a row for a kind that no longer exists is never read.
//
// `emailed_at` on a notification records that its email went out, so a retried or repeated
// send job sends it once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_email_preferences")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", "boolean", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notification_email_preferences_pkey", ["user_id", "kind"])
    .execute();
  await db.schema.alterTable("notifications").addColumn("emailed_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notifications").dropColumn("emailed_at").execute();
  await db.schema.dropTable("notification_email_preferences").execute();
}
