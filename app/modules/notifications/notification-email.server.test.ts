/**
 * Email for notifications against a real SMTP server on loopback (test/smtp-receiver.ts) and
 * the real job queue: queued by notify() in the notification's transaction when SMTP_URL is
 * set and the recipient wants that kind, sent by the job as plain text with an absolute link,
 * and — with the mail server down — retried until it is back, then delivered exactly once.
 */
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getConfig, setConfig, type Config } from "../../../server/config";
import { taskList } from "../../../server/jobs/task-list";
import { db, pgPool } from "../../lib/db.server";
import { seedUser } from "../../../test/factories";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { freePort, startSmtpReceiver, type SmtpReceiver } from "../../../test/smtp-receiver";
import { saveEmailPreferences } from "./email-preferences.server";
import { emailPreferencesOf } from "./email-preferences";
import { notify } from "./notify.server";
import { emailJobKey } from "./queue-notification-emails.server";

const silent = new Logger(() => () => {});
const runDueJobs = () => runOnce({ pgPool: pgPool(), taskList, logger: silent, noHandleSignals: true });
const PUBLIC_URL = "https://qa.acme.example";

let original: Config;
let receivers: SmtpReceiver[] = [];

beforeEach(() => {
  original = getConfig();
});
afterEach(async () => {
  setConfig(original);
  await Promise.all(receivers.map((receiver) => receiver.close()));
  receivers = [];
  await sql`DELETE FROM graphile_worker._private_jobs`.execute(db());
});

function useMailServer(url: string) {
  setConfig({ ...original, SMTP_URL: url, PUBLIC_URL });
}

async function receiver(port = 0) {
  const started = await startSmtpReceiver(port);
  receivers.push(started);
  return started;
}

interface JobRow {
  attempts: number;
  last_error: string | null;
}
const jobOf = async (notificationId: string) =>
  (await sql<JobRow>`SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = ${emailJobKey(notificationId)}`.execute(db())).rows[0];
const queuedEmails = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'send_notification_email'`.execute(db())).rows[0]!.n);

const released = (recipientId: string) => ({
  recipientId,
  kind: "evaluation_released" as const,
  title: "New feedback on your call of 10 Nov 2026",
  body: "Billing QA: 71.9 (fail).",
  link: "/evaluations/3f1c9a52-2b7e-4c8e-9a57-0d1e2f3a4b5c",
});

describe("notification email", () => {
  it("is sent as plain text from the organisation's sender, with the link made absolute, once", async () => {
    const mail = await receiver();
    useMailServer(mail.url);
    const agent = await seedUser("agent", [], { name: "Dana Reyes" });
    await withOrganisationSettings({ email_from: "qa@acme.example", name: "Acme Support" }, async () => {
      const [id] = await notify(db(), [released(agent.id)]);
      expect(await jobOf(id!)).toMatchObject({ attempts: 0 });
      await runDueJobs();
      await runDueJobs();
      expect(mail.messages).toHaveLength(1);
      const [message] = mail.messages;
      expect(message!.from).toBe("qa@acme.example");
      expect(message!.to).toEqual([agent.email]);
      expect(message!.raw).toMatch(/^Subject: New feedback on your call of 10 Nov 2026\r$/m);
      expect(message!.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r$/m);
      // A long header is folded onto the next line; unfolded it reads as one.
      expect(message!.raw.replace(/\r\n[ \t]+/g, " ")).toMatch(new RegExp(`^Message-ID: <notification\\.${id}@qa\\.acme\\.example>\\r$`, "m"));
      expect(message!.raw).toMatch(/^Auto-Submitted: auto-generated\r$/m);
      expect(message!.raw).toContain("Hello Dana Reyes,");
      expect(message!.raw).toContain("Billing QA: 71.9 (fail).");
      expect(message!.raw).toContain(`Open it in Parley: ${PUBLIC_URL}/evaluations/3f1c9a52-2b7e-4c8e-9a57-0d1e2f3a4b5c`);
      expect(message!.raw).toContain(`${PUBLIC_URL}/settings/notifications`);
      const row = await db().selectFrom("notifications").select("emailed_at").where("id", "=", id!).executeTakeFirstOrThrow();
      expect(row.emailed_at).toBeInstanceOf(Date);
      expect(await jobOf(id!)).toBeUndefined();
    });
  });

  it("waits out a mail server that is down, and delivers exactly once when it is back", async () => {
    const port = await freePort();
    useMailServer(`smtp://127.0.0.1:${port}`);
    const agent = await seedUser("agent");
    const [id] = await notify(db(), [released(agent.id)]);

    await runDueJobs();
    const failed = await jobOf(id!);
    expect(failed?.attempts).toBe(1);
    expect(failed?.last_error).toMatch(/ECONNREFUSED/);
    expect((await db().selectFrom("notifications").select("emailed_at").where("id", "=", id!).executeTakeFirstOrThrow()).emailed_at).toBeNull();

    const mail = await receiver(port);
    // The back-off would wait seconds; the test brings the retry forward instead of sleeping.
    await sql`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${emailJobKey(id!)}`.execute(db());
    await runDueJobs();
    await runDueJobs();
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]!.to).toEqual([agent.email]);
    expect(await jobOf(id!)).toBeUndefined();
  });

  it("follows each recipient's choices, and is not queued without a mail server, for someone deactivated, or for history", async () => {
    const mail = await receiver();
    const [wantsAll, noComments, gone] = [await seedUser("agent"), await seedUser("agent"), await seedUser("agent")];
    await saveEmailPreferences(db(), noComments, { ...emailPreferencesOf([]), comment_added: false });
    await db().updateTable("users").set({ active: false }).where("id", "=", gone.id).execute();
    const comment = (recipientId: string) => ({ recipientId, kind: "comment_added" as const, title: "New comment", link: "/evaluations/x" });

    await notify(db(), [comment(wantsAll.id)]);
    expect(await queuedEmails()).toBe(0);

    useMailServer(mail.url);
    await notify(db(), [comment(wantsAll.id), comment(noComments.id), released(noComments.id), comment(gone.id)]);
    await notify(db(), [{ ...released(wantsAll.id), createdAt: new Date(Date.now() - 2 * 86_400_000) }]);
    expect(await queuedEmails()).toBe(2);
    await runDueJobs();
    expect(mail.messages.map((message) => [message.to[0], /^Subject: (.*)\r$/m.exec(message.raw)?.[1]]).sort()).toEqual(
      [
        [wantsAll.email, "New comment"],
        [noComments.email, "New feedback on your call of 10 Nov 2026"],
      ].sort(),
    );
  });
});
