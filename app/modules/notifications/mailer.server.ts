/**
 * Sending one email through the configured mail server (SMTP_URL) with nodemailer. A failure
 * throws, and the send job is retried by graphile-worker with back-off; the timeouts make a
 * mail server that hangs fail the attempt instead of holding a worker.
 */
import nodemailer from "nodemailer";
import type { EmailMessage } from "./notification-email";

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export function smtpMailer(smtpUrl: string): Mailer {
  return {
    async send(message) {
      const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
      try {
        await transport.sendMail(message);
      } finally {
        transport.close();
      }
    },
  };
}

/** Milliseconds each stage of an SMTP conversation may take before the attempt fails (and is retried). */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
