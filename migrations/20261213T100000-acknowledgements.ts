import { sql, type Kysely } from "kysely";

// The agent's acknowledgement of their feedback (issue 13 §3, docs/architecture.md "The agent's feedback and acknowledgement").
//
// Per scorecard, outside the versioned definition like the hidden questions: whether agents are
// asked to acknowledge its evaluations — not at all, optionally, or required within N days
// (1–60) of release. A change applies at once to every evaluation of the scorecard.
//
// An acknowledgement is made against the revision the agent saw; at most one per revision
// (acknowledging again is idempotent). The composite key keeps the revision one of the
// evaluation's own. Rows are never changed: a later revision that flips pass/fail asks again,
// and the app writes a new row for it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("scorecards")
    .addColumn("acknowledgement", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("acknowledgement_days", "integer")
    .execute();
  await sql`
    ALTER TABLE scorecards
      ADD CONSTRAINT scorecards_acknowledgement_check CHECK (acknowledgement IN ('none', 'optional', 'required')),
      ADD CONSTRAINT scorecards_acknowledgement_days_check CHECK (
        (acknowledgement = 'required') = (acknowledgement_days IS NOT NULL)
        AND (acknowledgement_days IS NULL OR acknowledgement_days BETWEEN 1 AND 60)
      )
  `.execute(db);

  await db.schema
    .createTable("evaluation_acknowledgements")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("evaluation_id", "uuid", (c) => c.notNull().references("evaluations.id").onDelete("cascade"))
    .addColumn("revision_id", "uuid", (c) => c.notNull())
    .addColumn("agent_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("comment", "text")
    .addColumn("acknowledged_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("evaluation_acknowledgements_revision_fkey", ["evaluation_id", "revision_id"], "evaluation_revisions", ["evaluation_id", "id"])
    .addUniqueConstraint("evaluation_acknowledgements_revision_key", ["evaluation_id", "revision_id"])
    .addCheckConstraint("evaluation_acknowledgements_comment_check", sql`comment IS NULL OR char_length(comment) BETWEEN 1 AND 2000`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evaluation_acknowledgements").execute();
  await sql`ALTER TABLE scorecards DROP CONSTRAINT scorecards_acknowledgement_days_check, DROP CONSTRAINT scorecards_acknowledgement_check`.execute(db);
  await db.schema.alterTable("scorecards").dropColumn("acknowledgement_days").dropColumn("acknowledgement").execute();
}
