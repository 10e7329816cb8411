import { sql, type Kysely } from "kysely";

// Coaching (issue 15, DESIGN.md "Coaching", docs/decisions/0031): the whole model, so later work
// builds on it without another migration.
//
// - coaching_plans: one agent, an owner (a supervisor of the agent's team or a QA lead), one
//   scorecard (a plan's focus criteria come from one scorecard, so its follow-up sampling has
//   one scorecard), a due day, status active → completed | cancelled (a reason when cancelled),
//   the agent's acknowledgement. The team is copied in at creation: the effect compares the
//   agent with that team's uncoached agents even if the agent moves later.
// - coaching_plan_criteria: the focus criteria, keyed by the reports' question_key (a question
//   across versions while it keeps its meaning, decision 0023), each with its baseline frozen
//   as it was at creation (mean q, t interval, n, window) and a target in the same unit (%).
// - coaching_evidence: an evaluation, optionally one of its annotations, as a strength or an
//   opportunity, with the coach's note.
// - coaching_sessions: on a plan or standalone, scheduled at an instant (UTC) for a length;
//   scheduled | held | missed | cancelled; the agent's acknowledgement of a held session.
// - coaching_session_notes: one row per session and visibility (shared | private), so a private
//   note is a row the agent's queries never select rather than a column they must remember to
//   leave out; each carries a revision counter for autosave conflicts (as evaluations do).
// - coaching_action_items: text, owner (agent | coach), due day, done.
// - sampling_rules gains coaching_plan_id (the plan's follow-up rule) and ends_at (after it the
//   rule draws nothing: the plan's due date).
// - notification kinds for coaching (the kinds check of 20261215T120000 plus these).
const kinds = [
  "evaluation_released",
  "acknowledgement_due",
  "comment_added",
  "dispute_raised",
  "dispute_assigned",
  "dispute_decided",
  "dispute_overdue",
  "self_evaluation_requested",
];
const coachingKinds = ["coaching_plan_created", "coaching_session_scheduled", "coaching_session_reminder", "coaching_action_item_due", "coaching_acknowledged"];
const inList = (values: string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("coaching_plans")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("agent_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("owner_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("team_id", "uuid", (c) => c.references("teams.id").onDelete("set null"))
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id"))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) BETWEEN 1 AND 200`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status IN ('active', 'completed', 'cancelled')`))
    .addColumn("cancel_reason", "text", (c) => c.check(sql`char_length(cancel_reason) <= 2000`))
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("baseline_from", "date", (c) => c.notNull())
    .addColumn("baseline_to", "date", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("acknowledged_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("closed_by", "uuid", (c) => c.references("users.id"))
    .addCheckConstraint("coaching_plans_cancelled_check", sql`(status = 'cancelled') = (cancel_reason IS NOT NULL)`)
    .addCheckConstraint("coaching_plans_closed_check", sql`(status = 'active') = (closed_at IS NULL)`)
    .addCheckConstraint("coaching_plans_baseline_check", sql`baseline_from <= baseline_to`)
    .execute();
  await db.schema.createIndex("coaching_plans_agent_idx").on("coaching_plans").columns(["agent_id", "status"]).execute();
  await db.schema.createIndex("coaching_plans_team_idx").on("coaching_plans").columns(["team_id", "status"]).execute();

  await db.schema
    .createTable("coaching_plan_criteria")
    .addColumn("plan_id", "uuid", (c) => c.notNull().references("coaching_plans.id").onDelete("cascade"))
    .addColumn("question_key", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("position", "smallint", (c) => c.notNull())
    .addColumn("baseline_n", "integer", (c) => c.notNull().check(sql`baseline_n >= 0`))
    // Mean q as a percentage (0–100) and its t interval; null where n is too small for one.
    .addColumn("baseline_mean", "numeric(7, 4)")
    .addColumn("baseline_low", "numeric(7, 4)")
    .addColumn("baseline_high", "numeric(7, 4)")
    .addColumn("target", "numeric(5, 2)", (c) => c.notNull().check(sql`target >= 0 AND target <= 100`))
    .addColumn("suggestion_reason", "text")
    .addPrimaryKeyConstraint("coaching_plan_criteria_pkey", ["plan_id", "question_key"])
    .execute();
  await db.schema.createIndex("coaching_plan_criteria_key_idx").on("coaching_plan_criteria").column("question_key").execute();

  await db.schema
    .createTable("coaching_evidence")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("plan_id", "uuid", (c) => c.notNull().references("coaching_plans.id").onDelete("cascade"))
    .addColumn("evaluation_id", "uuid", (c) => c.notNull().references("evaluations.id"))
    .addColumn("annotation_id", "uuid", (c) => c.references("annotations.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('strength', 'opportunity')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo("").check(sql`char_length(note) <= 2000`))
    .addColumn("added_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX coaching_evidence_once ON coaching_evidence (plan_id, evaluation_id, annotation_id) NULLS NOT DISTINCT`.execute(db);

  await db.schema
    .createTable("coaching_sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("plan_id", "uuid", (c) => c.references("coaching_plans.id").onDelete("cascade"))
    .addColumn("agent_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("coach_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("team_id", "uuid", (c) => c.references("teams.id").onDelete("set null"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull().check(sql`duration_minutes BETWEEN 5 AND 480`))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("scheduled").check(sql`state IN ('scheduled', 'held', 'missed', 'cancelled')`))
    .addColumn("agenda", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("state_changed_at", "timestamptz")
    .addColumn("acknowledged_at", "timestamptz")
    .addColumn("acknowledgement_comment", "text", (c) => c.check(sql`char_length(acknowledgement_comment) <= 2000`))
    .addColumn("reminded_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("coaching_sessions_ack_check", sql`acknowledged_at IS NULL OR state = 'held'`)
    .execute();
  await db.schema.createIndex("coaching_sessions_agent_idx").on("coaching_sessions").columns(["agent_id", "starts_at"]).execute();
  await db.schema.createIndex("coaching_sessions_plan_idx").on("coaching_sessions").column("plan_id").execute();
  await db.schema.createIndex("coaching_sessions_due_idx").on("coaching_sessions").column("starts_at").where(sql.ref("state"), "=", "scheduled").execute();

  await db.schema
    .createTable("coaching_session_notes")
    .addColumn("session_id", "uuid", (c) => c.notNull().references("coaching_sessions.id").onDelete("cascade"))
    .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility IN ('shared', 'private')`))
    // The rich-text editor's document (tiptap JSON), as evaluations keep feedback.
    .addColumn("body", "jsonb", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("coaching_session_notes_pkey", ["session_id", "visibility"])
    .execute();

  await db.schema
    .createTable("coaching_action_items")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("session_id", "uuid", (c) => c.notNull().references("coaching_sessions.id").onDelete("cascade"))
    .addColumn("agent_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("text", "text", (c) => c.notNull().check(sql`char_length(btrim(text)) BETWEEN 1 AND 1000`))
    .addColumn("owner", "text", (c) => c.notNull().check(sql`owner IN ('agent', 'coach')`))
    .addColumn("due_on", "date")
    .addColumn("done_at", "timestamptz")
    .addColumn("done_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("coaching_action_items_agent_idx").on("coaching_action_items").columns(["agent_id", "done_at"]).execute();
  await db.schema.createIndex("coaching_action_items_session_idx").on("coaching_action_items").column("session_id").execute();

  await db.schema
    .alterTable("sampling_rules")
    .addColumn("coaching_plan_id", "uuid", (c) => c.unique().references("coaching_plans.id").onDelete("set null"))
    .addColumn("ends_at", "timestamptz")
    .execute();

  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${inList([...kinds, ...coachingKinds])}))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM notifications WHERE kind IN (${inList(coachingKinds)})`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${inList(kinds)}))`.execute(db);
  await db.schema.alterTable("sampling_rules").dropColumn("ends_at").dropColumn("coaching_plan_id").execute();
  for (const table of ["coaching_action_items", "coaching_session_notes", "coaching_sessions", "coaching_evidence", "coaching_plan_criteria", "coaching_plans"]) {
    await db.schema.dropTable(table).execute();
  }
}
