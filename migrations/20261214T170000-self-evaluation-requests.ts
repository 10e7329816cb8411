import { sql, type Kysely } from "kysely";

// Self-evaluation requests (issue 13 §5, docs/decisions/0025): a sampling rule of purpose "self"
// asks a conversation's own agent to self-evaluate it. A table of its own rather than an assignment
// kind, so "an assignment never goes to the conversation's agent" stays true of every assignment and
// no queue, load or dashboard has to learn to leave requests out. One request per conversation (a
// conversation has one self-evaluation), which also makes a repeated run idempotent (ON CONFLICT).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("self_evaluation_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("interaction_id", "uuid", (c) => c.notNull().unique().references("interactions.id").onDelete("cascade"))
    .addColumn("agent_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("scorecard_id", "uuid", (c) => c.notNull().references("scorecards.id"))
    .addColumn("rule_id", "uuid", (c) => c.references("sampling_rules.id").onDelete("set null"))
    .addColumn("run_id", "uuid", (c) => c.references("sampling_runs.id").onDelete("set null"))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("self_evaluation_requests_agent_idx").on("self_evaluation_requests").columns(["agent_id", "due_at"]).execute();
  await db.schema.createIndex("self_evaluation_requests_run_idx").on("self_evaluation_requests").column("run_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("self_evaluation_requests").execute();
}
