import { sql } from "kysely";
import type { Database } from "./db.server";

export type JobName =
  | "compute_peaks"
  | "sweep_orphan_objects"
  | "delete_expired_sessions"
  | "run_sampling_rule"
  | "run_sampling_slot"
  | "repair_sampling_schedules"
  | "send_notification_email"
  | "notify_acknowledgements_due";

/**
 * Queues a graphile-worker job through SQL, inside the caller's transaction: the job
 * exists exactly when the change that needs it commits. `jobKey` makes a repeat
 * request replace a waiting job instead of queueing a second one.
 */
export async function enqueueJob(
  trx: Database,
  name: JobName,
  payload: Record<string, unknown>,
  { jobKey, maxAttempts = 5, runAt }: { jobKey?: string; maxAttempts?: number; runAt?: Date } = {},
): Promise<void> {
  await sql`select graphile_worker.add_job(
    identifier => ${name},
    payload => ${JSON.stringify(payload)}::json,
    max_attempts => ${maxAttempts},
    job_key => ${jobKey ?? null},
    run_at => ${runAt ?? null}::timestamptz
  )`.execute(trx);
}

/** Drops a waiting job queued with `jobKey` (a running one finishes; nothing happens when there is none). */
export async function removeJob(trx: Database, jobKey: string): Promise<void> {
  await sql`select graphile_worker.remove_job(${jobKey})`.execute(trx);
}
