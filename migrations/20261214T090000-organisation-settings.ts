import { sql, type Kysely } from "kysely";

// The organisation's settings for what comes after the score (issue 13 §10, DESIGN.md "Disputes",
// "Self-evaluation", "Notifications"). One row, like the organisation itself; every column has the
// default DESIGN.md names, so an organisation that never opens the settings page gets them.
//
// - dispute_window_days: how long after release an evaluation may be disputed.
// - dispute_resolution_days: working days an arbiter has to decide; working_days (ISO weekdays,
//   1 = Monday) and holidays (dates in the organisation's zone) say which days count.
// - dispute_supervisor_first_line: the agent's supervisor endorses or declines before QA sees it.
// - dispute_reason_codes: the reasons a raiser picks from (free text goes beside).
// - dispute_decision_may_lower: whether an arbiter may set a question below its original answer.
// - self_evaluation_enabled: agents may score their own conversations.
// - default_acknowledgement(_days): what a new scorecard starts with.
// - email_from: the sender of notification email (SMTP_URL says where it goes).
// The arbiter pool is a table: QA leads always arbitrate; these users do too.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organisation")
    .addColumn("dispute_window_days", "integer", (c) => c.notNull().defaultTo(14))
    .addColumn("dispute_resolution_days", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("working_days", sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{1,2,3,4,5}'`))
    .addColumn("holidays", sql`date[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("dispute_supervisor_first_line", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("dispute_reason_codes", sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{"Answer does not match the conversation","Question does not apply","Customer or system caused it","Followed the documented process"}'`),
    )
    .addColumn("dispute_decision_may_lower", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("self_evaluation_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("default_acknowledgement", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("default_acknowledgement_days", "integer")
    .addColumn("email_from", "text")
    .execute();
  await sql`
    ALTER TABLE organisation
      ADD CONSTRAINT organisation_dispute_window_days_check CHECK (dispute_window_days BETWEEN 1 AND 90),
      ADD CONSTRAINT organisation_dispute_resolution_days_check CHECK (dispute_resolution_days BETWEEN 1 AND 30),
      ADD CONSTRAINT organisation_working_days_check CHECK (
        cardinality(working_days) BETWEEN 1 AND 7 AND working_days <@ '{1,2,3,4,5,6,7}'::smallint[]
      ),
      ADD CONSTRAINT organisation_dispute_reason_codes_check CHECK (cardinality(dispute_reason_codes) BETWEEN 1 AND 20),
      ADD CONSTRAINT organisation_default_acknowledgement_check CHECK (
        default_acknowledgement IN ('none', 'optional', 'required')
        AND (default_acknowledgement = 'required') = (default_acknowledgement_days IS NOT NULL)
        AND (default_acknowledgement_days IS NULL OR default_acknowledgement_days BETWEEN 1 AND 60)
      )
  `.execute(db);

  await db.schema
    .createTable("dispute_arbiters")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("added_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("dispute_arbiters").execute();
  await sql`
    ALTER TABLE organisation
      DROP CONSTRAINT organisation_default_acknowledgement_check,
      DROP CONSTRAINT organisation_dispute_reason_codes_check,
      DROP CONSTRAINT organisation_working_days_check,
      DROP CONSTRAINT organisation_dispute_resolution_days_check,
      DROP CONSTRAINT organisation_dispute_window_days_check
  `.execute(db);
  await db.schema
    .alterTable("organisation")
    .dropColumn("email_from")
    .dropColumn("default_acknowledgement_days")
    .dropColumn("default_acknowledgement")
    .dropColumn("self_evaluation_enabled")
    .dropColumn("dispute_decision_may_lower")
    .dropColumn("dispute_reason_codes")
    .dropColumn("dispute_supervisor_first_line")
    .dropColumn("holidays")
    .dropColumn("working_days")
    .dropColumn("dispute_resolution_days")
    .dropColumn("dispute_window_days")
    .execute();
}
