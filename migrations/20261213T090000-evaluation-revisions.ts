import { sql, type Kysely } from "kysely";

// Revisions of an evaluation, and voiding one (DESIGN.md "Evaluation lifecycle and revisions",
// docs/decisions/0020-evaluation-revisions.md).
//
// - Every submitted state of an evaluation is a row of evaluation_revisions: the answers, the
//   score, pass and auto-fail, the pinned version, why it was written (`submit`, `dispute`,
//   `edit`), by whom, with what reason, when, numbered 1, 2, … per evaluation. A trigger
//   refuses any UPDATE or DELETE, so no code path can rewrite history. Not to be confused with
//   evaluations.revision, the autosave counter that makes a stale save answer 409.
// - evaluations.current_revision_id names the revision in force; a composite foreign key keeps
//   it one of the evaluation's own. The evaluation's answers / score / passed / auto_failed
//   columns stay a copy of that revision, so every figure keeps reading the evaluation row.
// - `void` is a status of its own: everything that counts `status = 'submitted'` leaves a voided
//   evaluation out without knowing about it. A voided evaluation keeps its submitted_at.
// - The assignment whose review was voided is marked (assignments.voided_at): it leaves the
//   "one live assignment per interaction and scorecard" index, so the conversation can be
//   assigned or sampled again.
// - Every evaluation submitted before this migration gets its `submit` revision, from the row
//   and, for who submitted it, its `evaluation.submit` audit entry where there is one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("evaluation_revisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("evaluation_id", "uuid", (c) => c.notNull().references("evaluations.id"))
    .addColumn("sequence", "integer", (c) => c.notNull().check(sql`sequence > 0`))
    .addColumn("cause", "text", (c) => c.notNull().check(sql`cause IN ('submit', 'dispute', 'edit')`))
    .addColumn("answers", "jsonb", (c) => c.notNull())
    .addColumn("score", sql`numeric(4, 1)`, (c) => c.check(sql`score IS NULL OR (score >= 0 AND score <= 100)`))
    .addColumn("passed", "boolean", (c) => c.notNull())
    .addColumn("auto_failed", "boolean", (c) => c.notNull())
    .addColumn("scorecard_version_id", "uuid", (c) => c.notNull().references("scorecard_versions.id"))
    .addColumn("actor_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("evaluation_revisions_sequence_key", ["evaluation_id", "sequence"])
    // The target of evaluations' composite foreign key: the current revision is one of its own.
    .addUniqueConstraint("evaluation_revisions_evaluation_id_key", ["evaluation_id", "id"])
    // A re-score after submission says why; the first submit has nothing to explain.
    .addCheckConstraint("evaluation_revisions_reason_check", sql`cause = 'submit' OR (reason IS NOT NULL AND btrim(reason) <> '')`)
    .execute();
  await sql`
    CREATE FUNCTION evaluation_revisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'evaluation revisions are immutable' USING ERRCODE = 'check_violation';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER evaluation_revisions_immutable BEFORE UPDATE OR DELETE ON evaluation_revisions
    FOR EACH ROW EXECUTE FUNCTION evaluation_revisions_immutable()`.execute(db);

  await sql`ALTER TABLE evaluations DROP CONSTRAINT evaluations_status_check`.execute(db);
  await sql`ALTER TABLE evaluations ADD CONSTRAINT evaluations_status_check CHECK (status IN ('draft', 'submitted', 'void'))`.execute(db);
  await sql`ALTER TABLE evaluations DROP CONSTRAINT evaluations_submitted_check`.execute(db);
  await sql`ALTER TABLE evaluations ADD CONSTRAINT evaluations_submitted_check CHECK ((status = 'draft') = (submitted_at IS NULL))`.execute(db);
  await db.schema
    .alterTable("evaluations")
    .addColumn("current_revision_id", "uuid")
    .addColumn("voided_at", "timestamptz")
    .addColumn("voided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("void_reason", "text")
    .execute();
  await sql`
    ALTER TABLE evaluations ADD CONSTRAINT evaluations_current_revision_fkey
    FOREIGN KEY (id, current_revision_id) REFERENCES evaluation_revisions (evaluation_id, id)`.execute(db);
  await sql`
    ALTER TABLE evaluations ADD CONSTRAINT evaluations_void_check CHECK (
      (status = 'void') = (voided_at IS NOT NULL)
      AND (voided_at IS NULL OR (voided_by IS NOT NULL AND void_reason IS NOT NULL AND btrim(void_reason) <> ''))
    )`.execute(db);

  await sql`
    INSERT INTO evaluation_revisions
      (evaluation_id, sequence, cause, answers, score, passed, auto_failed, scorecard_version_id, actor_id, created_at)
    SELECT e.id, 1, 'submit', e.answers, e.score, e.passed, e.auto_failed, e.scorecard_version_id,
           coalesce(submit_entry.actor_id, e.reviewer_id), e.submitted_at
    FROM evaluations e
    LEFT JOIN LATERAL (
      SELECT a.actor_id FROM audit_log a
      WHERE a.entity_type = 'evaluation' AND a.entity_id = e.id::text AND a.action = 'evaluation.submit'
      ORDER BY a.at LIMIT 1
    ) submit_entry ON true
    WHERE e.status = 'submitted'`.execute(db);
  await sql`
    UPDATE evaluations e SET current_revision_id = r.id
    FROM evaluation_revisions r WHERE r.evaluation_id = e.id`.execute(db);
  // Added after the backfill: from now on a submitted evaluation always has its revision.
  await sql`ALTER TABLE evaluations ADD CONSTRAINT evaluations_current_revision_check CHECK ((status = 'draft') = (current_revision_id IS NULL))`.execute(db);

  await db.schema.alterTable("assignments").addColumn("voided_at", "timestamptz").execute();
  await sql`ALTER TABLE assignments ADD CONSTRAINT assignments_voided_check CHECK (voided_at IS NULL OR status = 'done')`.execute(db);
  await sql`DROP INDEX assignments_live_key`.execute(db);
  await sql`CREATE UNIQUE INDEX assignments_live_key ON assignments (interaction_id, scorecard_id) WHERE status <> 'skipped' AND voided_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX assignments_live_key`.execute(db);
  await sql`CREATE UNIQUE INDEX assignments_live_key ON assignments (interaction_id, scorecard_id) WHERE status <> 'skipped'`.execute(db);
  await db.schema.alterTable("assignments").dropConstraint("assignments_voided_check").execute();
  await db.schema.alterTable("assignments").dropColumn("voided_at").execute();
  // A voided evaluation has no state before this migration: it goes back to submitted.
  await sql`UPDATE evaluations SET status = 'submitted' WHERE status = 'void'`.execute(db);
  for (const constraint of ["evaluations_current_revision_check", "evaluations_void_check", "evaluations_current_revision_fkey", "evaluations_submitted_check", "evaluations_status_check"]) {
    await db.schema.alterTable("evaluations").dropConstraint(constraint).execute();
  }
  await db.schema.alterTable("evaluations").dropColumn("current_revision_id").dropColumn("voided_at").dropColumn("voided_by").dropColumn("void_reason").execute();
  await sql`ALTER TABLE evaluations ADD CONSTRAINT evaluations_status_check CHECK (status IN ('draft', 'submitted'))`.execute(db);
  await sql`ALTER TABLE evaluations ADD CONSTRAINT evaluations_submitted_check CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))`.execute(db);
  await db.schema.dropTable("evaluation_revisions").execute();
  await sql`DROP FUNCTION evaluation_revisions_immutable()`.execute(db);
}
