import type { TaskList } from "graphile-worker";
import { z } from "zod";
import { db } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { deleteExpiredThrottles } from "../../app/modules/auth/delete-expired-throttles.server";
import { deleteExpiredSessions } from "../../app/modules/auth/session.server";
import { notifyActionItemsDue } from "../../app/modules/coaching/notify-action-items-due.server";
import { notifySessionReminders } from "../../app/modules/coaching/notify-session-reminders.server";
import { notifyOverdueDisputes } from "../../app/modules/disputes/notify-overdue-disputes.server";
import { computeInteractionPeaks } from "../../app/modules/interactions/compute-interaction-peaks.server";
import { smtpMailer } from "../../app/modules/notifications/mailer.server";
import { emailBaseUrl } from "../../app/modules/notifications/notification-email";
import { notifyAcknowledgementsDue } from "../../app/modules/notifications/notify-acknowledgements-due.server";
import { sendNotificationEmail } from "../../app/modules/notifications/send-notification-email.server";
import { claimScheduledSlot } from "../../app/modules/sampling/claim-scheduled-slot.server";
import { repairRuleSchedules } from "../../app/modules/sampling/repair-rule-schedules.server";
import { runScheduledSlot } from "../../app/modules/sampling/run-scheduled-slot.server";
import { deliverWebhook } from "../../app/modules/webhooks/deliver-webhook.server";
import { sweepOrphanObjects } from "../../app/modules/storage-sweep/sweep-orphan-objects.server";
import { getConfig } from "../config";

const sweepPayload = z.object({ graceMinutes: z.number().int().positive().optional() }).default({});
const peaksPayload = z.object({ interactionId: z.uuid() });
const rulePayload = z.object({ ruleId: z.uuid(), slot: z.iso.datetime() });
const deliveryPayload = z.object({ deliveryId: z.uuid() });
const emailPayload = z.object({ notificationId: z.uuid() });

/**
 * Every background task Parley runs, by name. Tasks are thin: parse the payload,
 * call one use case. graphile-worker retries a task that throws.
 */
export const taskList: TaskList = {
  compute_peaks: async (payload, helpers) => {
    const { interactionId } = peaksPayload.parse(payload);
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    const outcome = await computeInteractionPeaks(db(), blobStore(), interactionId, { lastAttempt });
    helpers.logger.info(`waveform for ${interactionId}: ${outcome}`);
  },
  sweep_orphan_objects: async (payload, helpers) => {
    const options = sweepPayload.parse(payload ?? {});
    const result = await sweepOrphanObjects(db(), blobStore(), options);
    if (result.intents > 0) helpers.logger.info(`swept ${result.intents} orphan uploads, ${result.objectsDeleted} objects`);
  },
  // The rule's scheduler: claims its slot, queues run_sampling_slot and itself for the next slot (decision 0010).
  run_sampling_rule: async (payload, helpers) => {
    const { ruleId, slot } = rulePayload.parse(payload);
    const outcome = await claimScheduledSlot(db(), { ruleId, slot: new Date(slot) });
    if (outcome.kind === "claimed") helpers.logger.info(`sampling rule ${ruleId}: slot ${slot} queued, next ${outcome.next?.toISOString() ?? "none"}`);
  },
  run_sampling_slot: async (payload, helpers) => {
    const { ruleId, slot } = rulePayload.parse(payload);
    const outcome = await runScheduledSlot(db(), { ruleId, slot: new Date(slot) });
    if (outcome.kind === "stale") return;
    if (outcome.status === "failed") {
      // A refusal (the rule's scorecard is archived…) fails again until a lead changes the
      // rule: recorded once, not retried. A fault is retried (runs are idempotent).
      const message = `sampling rule ${ruleId} run ${outcome.runId} for slot ${slot} failed: ${outcome.detail}`;
      if (outcome.retryable) throw new Error(message);
      helpers.logger.warn(message);
      return;
    }
    helpers.logger.info(`sampling rule ${ruleId}: run ${outcome.runId} for slot ${slot}`);
  },
  repair_sampling_schedules: async (_payload, helpers) => {
    const { ruleIds } = await repairRuleSchedules(db());
    if (ruleIds.length > 0) helpers.logger.warn(`re-queued the scheduler of sampling rules whose schedule had stopped: ${ruleIds.join(", ")}`);
  },
  // One attempt; the delivery queues its own next attempt with back-off (decision 0024), so this job only throws on a fault of Parley's.
  deliver_webhook: async (payload, helpers) => {
    const { deliveryId } = deliveryPayload.parse(payload);
    const outcome = await deliverWebhook(db(), deliveryId);
    if (outcome.kind === "attempted" && outcome.status !== "delivered") {
      helpers.logger.warn(`webhook delivery ${deliveryId} attempt ${outcome.attempt}: ${outcome.error ?? "failed"}${outcome.status === "failed" ? " (given up)" : ""}`);
    }
  },
  // Queued by notify() in the notification's transaction; a mail server that is down throws, and graphile-worker retries with back-off (decision 0018).
  send_notification_email: async (payload, helpers) => {
    const { notificationId } = emailPayload.parse(payload);
    const config = getConfig();
    if (!config.SMTP_URL) {
      helpers.logger.warn(`notification ${notificationId}: SMTP_URL is no longer set; its email is not sent`);
      return;
    }
    const outcome = await sendNotificationEmail(db(), smtpMailer(config.SMTP_URL), notificationId, { publicUrl: emailBaseUrl(config) });
    if (outcome !== "sent") helpers.logger.info(`notification ${notificationId}: email ${outcome.replace("_", " ")}`);
  },
  notify_acknowledgements_due: async (_payload, helpers) => {
    const told = await notifyAcknowledgementsDue(db(), { now: new Date() });
    if (told > 0) helpers.logger.info(`told ${told} agents that an acknowledgement is due`);
  },
  // Idempotent (a dedupe key per dispute and recipient): a second run writes nothing.
  notify_overdue_disputes: async (_payload, helpers) => {
    const written = await notifyOverdueDisputes(db());
    if (written > 0) helpers.logger.info(`notified ${written} arbiters of overdue disputes`);
  },
  // Idempotent (a dedupe key per session and start, per item and due day): a second run writes nothing (decision 0033).
  notify_coaching_due: async (_payload, helpers) => {
    const now = new Date();
    const reminders = await notifySessionReminders(db(), { now });
    const items = await notifyActionItemsDue(db(), { now });
    if (reminders + items > 0) helpers.logger.info(`coaching: ${reminders} session reminders, ${items} action items due`);
  },
  delete_expired_sessions: async (_payload, helpers) => {
    const sessions = await deleteExpiredSessions(db());
    const throttles = await deleteExpiredThrottles(db());
    if (sessions + throttles > 0) helpers.logger.info(`deleted ${sessions} expired sessions, ${throttles} login throttle rows`);
  },
};

/** Recurring jobs; graphile-worker makes sure each fires once across all workers. */
export const crontab = [
  "*/15 * * * * sweep_orphan_objects",
  "17 * * * * delete_expired_sessions",
  // Offset from the sweep so the two do not start together.
  "7,22,37,52 * * * * repair_sampling_schedules",
  // Hourly: due days end at the organisation's midnight, and the notifications are deduplicated.
  "3 * * * * notify_acknowledgements_due",
  "3,18,33,48 * * * * notify_overdue_disputes",
  // Reminders a day ahead and due days at the organisation's midnight: every 15 minutes is early enough for both.
  "11,26,41,56 * * * * notify_coaching_due",
].join("\n");
