import { sql, type Kysely } from "kysely";

// Disputes of a released evaluation (issue 13 §6, DESIGN.md "Disputes", docs/decisions/0022).
//
// - disputes: one per raise, against the revision that was current then (a composite foreign
//   key keeps it one of the evaluation's own). `on_behalf` when a supervisor raised it for the
//   agent. States: awaiting_supervisor → declined | open → in_review → upheld | partly_upheld |
//   rejected, or withdrawn from any of the first three. A partial unique index allows one
//   dispute per evaluation in those three ("open") states. `due_at` is always set: the
//   supervisor's deadline while awaiting them, then the arbiters' (reset at endorsement); the
//   queue orders by it and pages on (due_at, id).
// - dispute_questions: one row per disputed question, with the answer in force when it was
//   raised, the answer proposed, the reason (a code from the organisation's list and text),
//   optional evidence shaped like an annotation's anchor (a time range of the recording, a
//   moment being a range of length 0, and/or a span of one transcript segment), and, once
//   decided, the decision (keep / accept / other), the answer decided and the arbiter's note.
// - dispute_question_outcomes: a view of decided questions with the evaluation's reviewer and
//   scorecard and whether the answer was overturned, for the overturn counts of reports.

const OPEN_STATES = sql.raw(`('awaiting_supervisor', 'open', 'in_review')`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("disputes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("evaluation_id", "uuid", (c) => c.notNull().references("evaluations.id"))
    .addColumn("revision_id", "uuid", (c) => c.notNull())
    .addColumn("raised_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("on_behalf", "boolean", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("raised_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("supervisor_id", "uuid", (c) => c.references("users.id"))
    .addColumn("supervisor_at", "timestamptz")
    .addColumn("supervisor_note", "text")
    .addColumn("taken_by", "uuid", (c) => c.references("users.id"))
    .addColumn("taken_at", "timestamptz")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .addColumn("decision_revision_id", "uuid", (c) => c.references("evaluation_revisions.id"))
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "disputes_state_check",
      sql`state IN ('awaiting_supervisor', 'declined', 'open', 'in_review', 'upheld', 'partly_upheld', 'rejected', 'withdrawn')`,
    )
    .addCheckConstraint("disputes_taken_check", sql`state <> 'in_review' OR taken_by IS NOT NULL`)
    .addCheckConstraint(
      "disputes_decided_check",
      sql`(state IN ('upheld', 'partly_upheld', 'rejected')) = (decided_at IS NOT NULL AND decided_by IS NOT NULL)`,
    )
    .addCheckConstraint("disputes_declined_check", sql`state <> 'declined' OR (supervisor_id IS NOT NULL AND supervisor_note IS NOT NULL AND btrim(supervisor_note) <> '')`)
    .addCheckConstraint("disputes_withdrawn_check", sql`(state = 'withdrawn') = (withdrawn_at IS NOT NULL)`)
    .addCheckConstraint("disputes_notes_check", sql`char_length(coalesce(supervisor_note, '')) <= 2000 AND char_length(coalesce(decision_note, '')) <= 2000`)
    .execute();
  await sql`
    ALTER TABLE disputes ADD CONSTRAINT disputes_revision_fkey
    FOREIGN KEY (evaluation_id, revision_id) REFERENCES evaluation_revisions (evaluation_id, id)`.execute(db);
  await sql`CREATE UNIQUE INDEX disputes_one_open_per_evaluation ON disputes (evaluation_id) WHERE state IN ${OPEN_STATES}`.execute(db);
  // The queue: oldest due first, paged on (due_at, id); the overdue job reads the open ones.
  await sql`CREATE INDEX disputes_queue_idx ON disputes (due_at, id)`.execute(db);
  await sql`CREATE INDEX disputes_evaluation_idx ON disputes (evaluation_id, raised_at DESC)`.execute(db);

  await db.schema
    .createTable("dispute_questions")
    .addColumn("dispute_id", "uuid", (c) => c.notNull().references("disputes.id").onDelete("cascade"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("original_answer", "jsonb")
    .addColumn("proposed_answer", "jsonb", (c) => c.notNull())
    .addColumn("reason_code", "text", (c) => c.notNull().check(sql`char_length(reason_code) BETWEEN 1 AND 120`))
    .addColumn("reason_text", "text", (c) => c.notNull().check(sql`char_length(btrim(reason_text)) BETWEEN 1 AND 2000`))
    .addColumn("start_ms", "integer")
    .addColumn("end_ms", "integer")
    .addColumn("segment_id", "text")
    .addColumn("start_offset", "integer")
    .addColumn("end_offset", "integer")
    .addColumn("quote", "text")
    .addColumn("decision", "text", (c) => c.check(sql`decision IN ('keep', 'accept', 'other')`))
    .addColumn("decided_answer", "jsonb")
    .addColumn("decision_note", "text", (c) => c.check(sql`decision_note IS NULL OR char_length(btrim(decision_note)) BETWEEN 1 AND 2000`))
    .addPrimaryKeyConstraint("dispute_questions_pkey", ["dispute_id", "question_id"])
    // The same anchor checks as annotations (migration 20261125T190200): evidence is optional.
    .addCheckConstraint(
      "dispute_questions_time_check",
      sql`(start_ms IS NULL) = (end_ms IS NULL) AND (start_ms IS NULL OR (start_ms >= 0 AND end_ms >= start_ms))`,
    )
    .addCheckConstraint(
      "dispute_questions_span_check",
      sql`(segment_id IS NULL) = (start_offset IS NULL) AND (segment_id IS NULL) = (end_offset IS NULL)
          AND (segment_id IS NULL OR (start_offset >= 0 AND end_offset > start_offset))`,
    )
    .addCheckConstraint(
      "dispute_questions_decided_check",
      sql`(decision IS NULL) = (decided_answer IS NULL) AND (decision IS NULL) = (decision_note IS NULL)`,
    )
    .execute();

  // Overturn counts for reports: one row per decided question of a decided dispute.
  await sql`
    CREATE VIEW dispute_question_outcomes AS
    SELECT d.id AS dispute_id, d.evaluation_id, e.scorecard_id, q.question_id, e.reviewer_id, d.decided_by, d.decided_at,
           q.decision, q.original_answer, q.decided_answer,
           (q.decided_answer IS DISTINCT FROM q.original_answer) AS overturned
    FROM disputes d
    JOIN dispute_questions q ON q.dispute_id = d.id
    JOIN evaluations e ON e.id = d.evaluation_id
    WHERE d.state IN ('upheld', 'partly_upheld', 'rejected')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW dispute_question_outcomes`.execute(db);
  await db.schema.dropTable("dispute_questions").execute();
  await db.schema.dropTable("disputes").execute();
}
