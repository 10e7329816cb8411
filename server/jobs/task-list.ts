import type { TaskList } from "graphile-worker";
import { z } from "zod";
import { db } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { deleteExpiredThrottles } from "../../app/modules/auth/delete-expired-throttles.server";
import { deleteExpiredSessions } from "../../app/modules/auth/session.server";
import { computeInteractionPeaks } from "../../app/modules/interactions/compute-interaction-peaks.server";
import { sweepOrphanObjects } from "../../app/modules/storage-sweep/sweep-orphan-objects.server";

const sweepPayload = z.object({ graceMinutes: z.number().int().positive().optional() }).default({});
const peaksPayload = z.object({ interactionId: z.uuid() });

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
  delete_expired_sessions: async (_payload, helpers) => {
    const sessions = await deleteExpiredSessions(db());
    const throttles = await deleteExpiredThrottles(db());
    if (sessions + throttles > 0) helpers.logger.info(`deleted ${sessions} expired sessions, ${throttles} login throttle rows`);
  },
};

/** Recurring jobs; graphile-worker makes sure each fires once across all workers. */
export const crontab = ["*/15 * * * * sweep_orphan_objects", "17 * * * * delete_expired_sessions"].join("\n");
