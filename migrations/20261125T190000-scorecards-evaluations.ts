import { sql, type Kysely } from "kysely";

// Scorecards, their versions and evaluations (DESIGN.md "Scorecards and score math").
//
// A scorecard has versions; the version's definition (scorecard-definition.schema.ts) holds
// its sections, questions and pass mark. A published version is immutable (a trigger refuses any change
// to its definition or pass mark, so no code path can rewrite history) and every evaluation
// is pinned to the version it was scored with. At most one draft version per scorecard.
//
// Evaluations carry `revision` for optimistic saves (a stale save answers 409) and are
// looked up by (scorecard, interaction) when sampling skips what is already evaluated.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scorecards")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // When an agent may see an evaluation: as soon as it is submitted, or when a lead releases it.
    .addColumn("release_mode", "text", (c) =>
      c.notNull().defaultTo("immediate").check(sql`release_mode IN ('immediate', 'manual')`),
    )
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX scorecards_name_key ON scorecards (lower(name))`.execute(db);

  await db.schema
    .createTable("scorecard_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN ('draft', 'published')`))
    .addColumn("definition", "jsonb", (c) => c.notNull())
    // Bumped by every save of a draft: a stale save of the builder answers 409.
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("published_at", "timestamptz")
    .addColumn("published_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("scorecard_versions_number_key", ["scorecard_id", "version"])
    .addCheckConstraint(
      "scorecard_versions_published_check",
      sql`(status = 'published') = (published_at IS NOT NULL)`,
    )
    .execute();
  await sql`CREATE UNIQUE INDEX scorecard_versions_one_draft_idx ON scorecard_versions (scorecard_id) WHERE status = 'draft'`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION scorecard_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'published scorecard versions cannot be deleted' USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.status = 'published' AND (
        NEW.definition IS DISTINCT FROM OLD.definition
        OR NEW.status IS DISTINCT FROM OLD.status OR NEW.version IS DISTINCT FROM OLD.version
        OR NEW.scorecard_id IS DISTINCT FROM OLD.scorecard_id
      ) THEN
        RAISE EXCEPTION 'published scorecard versions are immutable' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER scorecard_versions_immutable BEFORE UPDATE OR DELETE ON scorecard_versions
    FOR EACH ROW EXECUTE FUNCTION scorecard_versions_immutable()`.execute(db);

  await db.schema
    .createTable("evaluations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("interaction_id", "uuid", (c) => c.notNull().references("interactions.id"))
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id"))
    .addColumn("scorecard_version_id", "uuid", (c) => c.notNull().references("scorecard_versions.id"))
    .addColumn("reviewer_id", "uuid", (c) => c.notNull().references("users.id"))
    // Calibration and self evaluations are excluded from quality scores (DESIGN.md).
    .addColumn("kind", "text", (c) =>
      c.notNull().defaultTo("review").check(sql`kind IN ('review', 'calibration', 'self')`),
    )
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN ('draft', 'submitted')`))
    .addColumn("answers", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Overall feedback as the editor's JSON document (tiptap), validated against a whitelist
    // of node and mark types (feedback-document.ts) and rendered from that tree, never as HTML.
    .addColumn("feedback", "jsonb")
    // One decimal, exactly as shown (score-math.ts roundScore); numeric so averages do not carry float noise.
    .addColumn("score", sql`numeric(4, 1)`, (c) => c.check(sql`score IS NULL OR (score >= 0 AND score <= 100)`))
    .addColumn("passed", "boolean")
    .addColumn("auto_failed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("submitted_at", "timestamptz")
    .addColumn("released_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("evaluations_submitted_check", sql`(status = 'submitted') = (submitted_at IS NOT NULL)`)
    .execute();
  await db.schema
    .createIndex("evaluations_scorecard_interaction_idx")
    .on("evaluations")
    .columns(["scorecard_id", "interaction_id"])
    .execute();
  // One draft per reviewer, interaction and scorecard: two tabs opening the workspace at
  // once continue the same draft instead of starting two.
  await sql`CREATE UNIQUE INDEX evaluations_one_draft_key ON evaluations (interaction_id, scorecard_id, reviewer_id) WHERE status = 'draft'`.execute(
    db,
  );
  await db.schema.createIndex("evaluations_interaction_idx").on("evaluations").column("interaction_id").execute();
  await db.schema
    .createIndex("evaluations_reviewer_idx")
    .on("evaluations")
    .columns(["reviewer_id", "status", "updated_at desc"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evaluations").execute();
  await db.schema.dropTable("scorecard_versions").execute();
  await sql`DROP FUNCTION scorecard_versions_immutable()`.execute(db);
  await db.schema.dropTable("scorecards").execute();
}
