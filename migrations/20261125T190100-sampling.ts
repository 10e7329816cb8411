import { sql, type Kysely } from "kysely";

// Sampling rules, their runs and review assignments (DESIGN.md "Sampling",
// docs/decisions/0008 and 0010).
//
// - A rule keeps its settings as validated JSON (sampling-rule.schema.ts) and a random seed;
//   a run is ranked with `<rule seed>:<period key>`, so re-running a period draws the same set.
// - A run keeps the settings it ran with, so its page and "replace" use what it really drew
//   from even after the rule is edited.
// - One live assignment per (interaction, scorecard): a unique index over open and done
//   assignments is what makes concurrent runs of a rule, or a run racing a manual
//   assignment, unable to hand the same conversation out twice. Skipped ones stay as a
//   record (and keep the interaction out of later draws) without blocking a manual retry.
// - "My queue" reads (reviewer, status, due_at); the draw reads (scorecard, interaction).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sampling_rules")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id"))
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("next_run_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX sampling_rules_name_key ON sampling_rules (lower(name))`.execute(db);

  await db.schema
    .createTable("sampling_runs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rule_id", "uuid", (c) => c.notNull().references("sampling_rules.id").onDelete("cascade"))
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("period_start", "timestamptz", (c) => c.notNull())
    .addColumn("period_end", "timestamptz", (c) => c.notNull())
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull().check(sql`trigger IN ('manual', 'schedule')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status IN ('completed', 'failed')`))
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("matched", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("drawn", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("assigned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("shortfall", "integer", (c) => c.notNull().defaultTo(0))
    // [{ agentId, matched, taken, wanted, drawn, shortfall }] and [{ interactionId, reason }]
    .addColumn("per_agent", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("unassigned", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("error", "text")
    .addColumn("started_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("sampling_runs_rule_idx")
    .on("sampling_runs")
    .columns(["rule_id", "started_at desc"])
    .execute();

  await db.schema
    .createTable("assignments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("interaction_id", "uuid", (c) => c.notNull().references("interactions.id"))
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id"))
    .addColumn("reviewer_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("rule_id", "uuid", (c) => c.references("sampling_rules.id").onDelete("set null"))
    .addColumn("run_id", "uuid", (c) => c.references("sampling_runs.id").onDelete("set null"))
    .addColumn("rank_key", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status IN ('open', 'done', 'skipped')`))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("skip_reason", "text")
    .addColumn("closed_at", "timestamptz")
    .addColumn("closed_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("assignments_skip_reason_check", sql`(status = 'skipped') = (skip_reason IS NOT NULL)`)
    .addCheckConstraint("assignments_closed_check", sql`(status = 'open') = (closed_at IS NULL)`)
    .execute();
  await sql`CREATE UNIQUE INDEX assignments_live_key ON assignments (interaction_id, scorecard_id) WHERE status <> 'skipped'`.execute(
    db,
  );
  await db.schema
    .createIndex("assignments_scorecard_interaction_idx")
    .on("assignments")
    .columns(["scorecard_id", "interaction_id"])
    .execute();
  await db.schema
    .createIndex("assignments_reviewer_queue_idx")
    .on("assignments")
    .columns(["reviewer_id", "status", "due_at", "id"])
    .execute();
  await db.schema.createIndex("assignments_rule_idx").on("assignments").columns(["rule_id", "status"]).execute();
  await db.schema.createIndex("assignments_run_idx").on("assignments").column("run_id").execute();

  // An evaluation made from an assignment points back at it; at most one per assignment.
  await db.schema
    .alterTable("evaluations")
    .addColumn("assignment_id", "uuid", (c) => c.references("assignments.id").onDelete("set null"))
    .execute();
  await sql`CREATE UNIQUE INDEX evaluations_assignment_key ON evaluations (assignment_id) WHERE assignment_id IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("evaluations").dropColumn("assignment_id").execute();
  await db.schema.dropTable("assignments").execute();
  await db.schema.dropTable("sampling_runs").execute();
  await db.schema.dropTable("sampling_rules").execute();
}
