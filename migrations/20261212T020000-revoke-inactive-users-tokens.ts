import { sql, type Kysely } from "kysely";

// Deactivating a user now revokes their API tokens (app/modules/users/update-user.server.ts),
// so reactivating them no longer brings the tokens back. Users deactivated before that still
// hold tokens in force: revoke those too, at the time the user was deactivated where known.
// Irreversible by design: `down` leaves the tokens revoked.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE api_tokens
    SET revoked_at = coalesce(users.deactivated_at, now())
    FROM users
    WHERE users.id = api_tokens.user_id AND NOT users.active AND api_tokens.revoked_at IS NULL
  `.execute(db);
}

export async function down(): Promise<void> {
  // A revoked token stays revoked.
}
