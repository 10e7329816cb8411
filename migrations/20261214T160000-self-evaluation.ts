import { sql, type Kysely } from "kysely";

// Self-evaluation (issue 13 §5, docs/decisions/0025): an agent scores their own conversation once.
// One self-evaluation per conversation, whatever its state, so two tabs starting one continue the
// same draft and the comparison beside the review has one counterpart.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE UNIQUE INDEX evaluations_one_self_key ON evaluations (interaction_id) WHERE kind = 'self'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX evaluations_one_self_key`.execute(db);
}
