import { sql, type Kysely } from "kysely";

// Webhooks (issue 13 §8, docs/decisions/0024). An admin registers a URL with the events it
// wants; each event writes one delivery per subscribed, enabled webhook in the transaction of
// its cause, and a job posts it, signed with the webhook's secret, retrying with back-off.
//
// The secret is kept in clear: it signs every delivery, so it cannot be a one-way hash like an
// API token. It is shown once to the admin and never again.
//
// A delivery keeps its payload as sent (the body is signed byte for byte) and its attempts;
// each attempt is a row of its own so the log shows every status code, not only the last.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("webhooks")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("events", sql`text[]`, (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("secret_rotated_at", "timestamptz")
    .addCheckConstraint("webhooks_url_check", sql`url ~ '^https?://' AND char_length(url) <= 2000`)
    .addCheckConstraint("webhooks_events_check", sql`cardinality(events) >= 1`)
    .addCheckConstraint("webhooks_description_check", sql`char_length(description) <= 200`)
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("webhook_id", "uuid", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    // One event id for all deliveries of one event, so a receiver can deduplicate.
    .addColumn("event_id", "uuid", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_response_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("next_attempt_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addCheckConstraint("webhook_deliveries_status_check", sql`status IN ('pending', 'delivered', 'failed', 'cancelled')`)
    .execute();
  // The delivery log reads one webhook's deliveries newest first.
  await sql`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`.execute(db);

  await db.schema
    .createTable("webhook_delivery_attempts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("delivery_id", "uuid", (c) => c.notNull().references("webhook_deliveries.id").onDelete("cascade"))
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("attempted_at", "timestamptz", (c) => c.notNull())
    .addColumn("response_status", "integer")
    .addColumn("error", "text")
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addUniqueConstraint("webhook_delivery_attempts_attempt_key", ["delivery_id", "attempt"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_delivery_attempts").execute();
  await db.schema.dropTable("webhook_deliveries").execute();
  await db.schema.dropTable("webhooks").execute();
}
