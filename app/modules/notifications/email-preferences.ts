/**
 * Which kinds of notification a user gets by email as well as in the inbox (issue 13 §7,
 * decision 0018). Pure. Every kind comes by email unless the user turned it off: someone whose
 * installation has a mail server hears about their feedback without first finding a settings
 * page; a stored choice wins.
 */
import { z } from "zod";
import { notificationKinds, type NotificationKind } from "./notification-kinds";

export type EmailPreferences = Record<NotificationKind, boolean>;

export const EMAIL_BY_DEFAULT = true;

/** Every kind with the user's stored choice, or the default where they made none. */
export function emailPreferencesOf(stored: ReadonlyArray<{ kind: string; email: boolean }>): EmailPreferences {
  const chosen = new Map(stored.map((row) => [row.kind, row.email]));
  return Object.fromEntries(notificationKinds.map((kind) => [kind, chosen.get(kind) ?? EMAIL_BY_DEFAULT])) as EmailPreferences;
}

/**
 * The settings form: one checkbox per kind, named `email` with the kind as its value (a
 * checkbox left unticked is not sent, so what is absent is "no").
 */
export const emailPreferencesFormSchema = z.object({
  email: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(notificationKinds, { error: "Choose kinds of notification from the list" })),
  ),
});

export function emailPreferencesFromForm(kinds: readonly NotificationKind[]): EmailPreferences {
  const ticked = new Set(kinds);
  return Object.fromEntries(notificationKinds.map((kind) => [kind, ticked.has(kind)])) as EmailPreferences;
}
