import { sql, type Kysely } from "kysely";

// Annotations a reviewer makes while scoring (DESIGN.md "Canonical transcript": an
// annotation anchors to a segment id plus character offsets, and to a time range when
// there is audio). They belong to an evaluation and are seen by whoever may see it.
// `interaction_id` is kept beside `evaluation_id` so the interaction's scope can be
// applied without a join through evaluations.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("annotations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("evaluation_id", "uuid", (c) => c.notNull().references("evaluations.id").onDelete("cascade"))
    .addColumn("interaction_id", "uuid", (c) => c.notNull().references("interactions.id"))
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("question_id", "text")
    .addColumn("sentiment", "text", (c) => c.check(sql`sentiment IN ('positive', 'negative')`))
    .addColumn("comment", "text", (c) => c.notNull().check(sql`length(comment) BETWEEN 1 AND 2000`))
    .addColumn("start_ms", "integer")
    .addColumn("end_ms", "integer")
    .addColumn("segment_id", "text")
    .addColumn("start_offset", "integer")
    .addColumn("end_offset", "integer")
    .addColumn("quote", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "annotations_time_check",
      sql`(start_ms IS NULL) = (end_ms IS NULL) AND (start_ms IS NULL OR (start_ms >= 0 AND end_ms >= start_ms))`,
    )
    .addCheckConstraint(
      "annotations_span_check",
      sql`(segment_id IS NULL) = (start_offset IS NULL) AND (segment_id IS NULL) = (end_offset IS NULL)
          AND (segment_id IS NULL OR (start_offset >= 0 AND end_offset > start_offset))`,
    )
    .addCheckConstraint("annotations_anchor_check", sql`start_ms IS NOT NULL OR segment_id IS NOT NULL`)
    .execute();
  await db.schema.createIndex("annotations_evaluation_idx").on("annotations").columns(["evaluation_id", "start_ms"]).execute();
  await db.schema.createIndex("annotations_interaction_idx").on("annotations").column("interaction_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("annotations").execute();
}
