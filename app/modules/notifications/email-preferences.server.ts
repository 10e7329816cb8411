/**
 * A user's own choice of which notifications also come by email (decision 0018). Everybody
 * chooses for themselves only: the viewer is the user, always.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { emailPreferencesOf, type EmailPreferences } from "./email-preferences";
import { notificationKinds } from "./notification-kinds";

export async function getEmailPreferences(db: Database, viewer: Viewer): Promise<EmailPreferences> {
  const rows = await db.selectFrom("notification_email_preferences").select(["kind", "email"]).where("user_id", "=", viewer.id).execute();
  return emailPreferencesOf(rows);
}

/** Stores a choice for every kind, so a later change of the default never changes what a user chose. */
export async function saveEmailPreferences(db: Database, viewer: Viewer, preferences: EmailPreferences): Promise<void> {
  await db
    .insertInto("notification_email_preferences")
    .values(notificationKinds.map((kind) => ({ user_id: viewer.id, kind, email: preferences[kind] })))
    .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ email: (eb) => eb.ref("excluded.email"), updated_at: sql`now()` }))
    .execute();
}
