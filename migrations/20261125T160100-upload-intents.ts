import type { Kysely } from "kysely";

// Browser and API uploads go straight to storage under the interaction's final prefix.
// The intent row remembers what was promised (who, which key, size, type, the
// multipart upload) so the finalising request can verify the object, and so the sweep
// can remove uploads that were never finalised.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("storage_intents")
    .addColumn("interaction_id", "uuid")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("object_key", "text")
    .addColumn("content_type", "text")
    .addColumn("size", "bigint")
    .addColumn("multipart_upload_id", "text")
    .execute();
  await db.schema
    .createIndex("storage_intents_interaction_idx")
    .on("storage_intents")
    .column("interaction_id")
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("storage_intents_interaction_idx").execute();
  await db.schema
    .alterTable("storage_intents")
    .dropColumn("interaction_id")
    .dropColumn("created_by")
    .dropColumn("object_key")
    .dropColumn("content_type")
    .dropColumn("size")
    .dropColumn("multipart_upload_id")
    .execute();
}
