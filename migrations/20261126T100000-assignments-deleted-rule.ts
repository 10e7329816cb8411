import type { Kysely } from "kysely";

// Deleting a sampling rule (decision 0010, "Deleting a rule") sets `rule_id` and `run_id` of
// its assignments to null, so without more the work it handed out looks like manual work in
// My queue, on the dashboard and on the interaction page. The rule's name is copied here in
// the deleting transaction, so done and still-open work keeps saying which (deleted) rule
// drew it. Null for every assignment of a rule that still exists and for manual ones.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("assignments").addColumn("deleted_rule_name", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("assignments").dropColumn("deleted_rule_name").execute();
}
