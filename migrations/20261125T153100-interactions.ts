import { sql, type Kysely } from "kysely";

// Interactions (calls, chats, emails) and the ledger of storage uploads whose row
// has not committed yet. See DESIGN.md "Storage layout": a row is written only after
// its objects exist, and objects whose row never committed are swept.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("interactions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel IN ('call', 'chat', 'email')`))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("agent_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("team_id", "uuid", (c) => c.references("teams.id"))
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull().check(sql`duration_ms >= 0`))
    .addColumn("direction", "text", (c) => c.check(sql`direction IN ('inbound', 'outbound')`))
    .addColumn("queue", "text")
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("metadata", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("customer_name", "text")
    .addColumn("recording_key", "text")
    .addColumn("recording_content_type", "text")
    .addColumn("recording_size", "bigint")
    .addColumn("recording_channels", "smallint")
    .addColumn("transcript_key", "text")
    .addColumn("source_key", "text")
    .addColumn("peaks_key", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("processing").check(sql`status IN ('processing', 'ready', 'failed')`),
    )
    .addColumn("failure_reason", "text")
    .addColumn("agent_talk_ms", "integer")
    .addColumn("customer_talk_ms", "integer")
    .addColumn("silence_ratio", "real")
    .addColumn("longest_silence_ms", "integer")
    .addColumn("overtalk_ms", "integer")
    .addColumn("transcript_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("search_vector", sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('english', transcript_text)`).stored(),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("interactions_source_external_id_key", ["source", "external_id"])
    .execute();

  // Keyset paging runs on (started_at, id) within each scope.
  await db.schema.createIndex("interactions_started_idx").on("interactions").columns(["started_at desc", "id desc"]).execute();
  await db.schema
    .createIndex("interactions_agent_started_idx")
    .on("interactions")
    .columns(["agent_id", "started_at desc", "id desc"])
    .execute();
  await db.schema
    .createIndex("interactions_team_started_idx")
    .on("interactions")
    .columns(["team_id", "started_at desc", "id desc"])
    .execute();
  await sql`CREATE INDEX interactions_search_idx ON interactions USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX interactions_tags_idx ON interactions USING gin (tags)`.execute(db);

  await db.schema
    .createTable("storage_intents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("prefix", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("storage_intents_created_idx").on("storage_intents").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("storage_intents").execute();
  await db.schema.dropTable("interactions").execute();
}
