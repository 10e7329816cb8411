import { sql, type Kysely } from "kysely";

// The in-app inbox (issue 13 §7, DESIGN.md "Notifications"). A notification is written in the
// same transaction as its cause; those a scheduled job writes (acknowledgement due, dispute
// overdue) carry a dedupe key, unique per recipient, so a job that runs twice writes nothing
// the second time. Kinds are checked here so a misspelt kind fails loudly; a later feature that
// adds kinds (coaching, calibration) replaces the check in its own migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("recipient_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("evaluation_id", "uuid", (c) => c.references("evaluations.id").onDelete("cascade"))
    .addColumn("dedupe_key", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .addCheckConstraint(
      "notifications_kind_check",
      sql`kind IN ('evaluation_released', 'acknowledgement_due', 'comment_added', 'dispute_raised', 'dispute_assigned', 'dispute_decided', 'dispute_overdue')`,
    )
    .addCheckConstraint("notifications_title_check", sql`char_length(title) BETWEEN 1 AND 200`)
    .addCheckConstraint("notifications_link_check", sql`link LIKE '/%'`)
    .execute();
  await sql`CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL`.execute(db);
  // The inbox reads newest first per recipient; the unread count reads the partial index.
  await sql`CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notifications").execute();
}
