import { sql, type Kysely } from "kysely";

// The comment thread on an evaluation (issue 13 §4, DESIGN.md "Evaluation lifecycle and
// revisions"): plain text with line breaks, 1–5,000 characters. Its author may edit or delete
// it for ten minutes (the app's rule); a deleted comment keeps its place in the thread, shown
// as "comment deleted", and loses its text (the audit log keeps what it said).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("evaluation_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("evaluation_id", "uuid", (c) => c.notNull().references("evaluations.id").onDelete("cascade"))
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("edited_at", "timestamptz")
    .addColumn("deleted_at", "timestamptz")
    .addCheckConstraint(
      "evaluation_comments_body_check",
      sql`(deleted_at IS NULL AND char_length(body) BETWEEN 1 AND 5000) OR (deleted_at IS NOT NULL AND body = '')`,
    )
    .execute();
  await sql`CREATE INDEX evaluation_comments_thread_idx ON evaluation_comments (evaluation_id, created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evaluation_comments").execute();
}
