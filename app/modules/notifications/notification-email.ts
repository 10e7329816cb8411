/**
 * What a notification's email says (decision 0018). Pure: plain text only (nothing a mail
 * client would render as markup), the link made absolute from the address people reach
 * Parley at, and a sender from the organisation's settings.
 */

export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiving server (or person) can tell a resend from a new mail. */
  messageId: string;
  headers: Record<string, string>;
}

export interface NotificationForEmail {
  id: string;
  title: string;
  body: string | null;
  link: string;
  recipientName: string;
  recipientEmail: string;
}

export interface EmailContext {
  /** The organisation's name and its configured sender (organisation.email_from), if any. */
  organisationName: string;
  emailFrom: string | null;
  /** Where people reach Parley, e.g. https://qa.example.com (PUBLIC_URL). */
  publicUrl: string;
}

/** Where the links in emails point when PUBLIC_URL is not set: the server on this machine. */
export function emailBaseUrl(config: { PUBLIC_URL?: string | undefined; PORT: number }): string {
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `http://localhost:${config.PORT}`;
}

/** A display name inside quotes loses the characters that would end or escape them. */
const displayName = (name: string) => name.replace(/["\\\r\n]/g, "").trim() || "Parley";

export function senderOf(context: EmailContext): string {
  const host = new URL(context.publicUrl).hostname;
  const address = context.emailFrom ?? `no-reply@${host}`;
  return `"${displayName(`${context.organisationName} · Parley`)}" <${address}>`;
}

export function composeNotificationEmail(notification: NotificationForEmail, context: EmailContext): EmailMessage {
  const base = context.publicUrl.replace(/\/+$/, "");
  const lines = [
    `Hello ${notification.recipientName},`,
    "",
    notification.title,
    ...(notification.body ? ["", notification.body] : []),
    "",
    `Open it in Parley: ${base}${notification.link}`,
    "",
    "-- ",
    `You get this email because of your notification settings in Parley. Choose which notifications come by email: ${base}/settings/notifications`,
  ];
  return {
    from: senderOf(context),
    to: `"${displayName(notification.recipientName)}" <${notification.recipientEmail}>`,
    subject: notification.title.replace(/[\r\n]+/g, " "),
    text: `${lines.join("\n")}\n`,
    messageId: `<notification.${notification.id}@${new URL(context.publicUrl).hostname}>`,
    headers: { "Auto-Submitted": "auto-generated", "X-Parley-Notification": notification.id },
  };
}
