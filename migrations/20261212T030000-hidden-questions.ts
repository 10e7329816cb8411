import { sql, type Kysely } from "kysely";

// Questions whose answers (and their comments) an agent never sees, per scorecard and
// question id. Kept outside the versioned definition on purpose: a published version is
// immutable, and hiding a note from agents must protect the evaluations already scored with
// it too. Only non-scoring questions (text, tags) may be hidden; the app refuses the others,
// and reads the rule again against each evaluation's own version.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scorecard_hidden_questions")
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id").onDelete("cascade"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("hidden_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("hidden_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("scorecard_hidden_questions_pkey", ["scorecard_id", "question_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scorecard_hidden_questions").execute();
}
