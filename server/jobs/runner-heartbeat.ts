/**
 * The job runners' heartbeats (table job_runners, docs/decisions/0016): graphile-worker 0.16
 * keeps a job locked by a worker that died for four hours. Each runner rewrites its row every
 * JOBS_HEARTBEAT_SECONDS; a row silent for JOBS_STALE_AFTER_SECONDS belongs to a dead runner,
 * whose jobs are unlocked so that they run again. Times are the database's, so the clocks of
 * the machines running Parley do not matter.
 */
import { sql } from "kysely";
import type { Database } from "../../app/lib/db.server";

export interface RunnerIdentity {
  id: string;
  host: string;
  pid: number;
}

/** Records that `runner` is alive and runs these workers now. */
export async function recordHeartbeat(db: Database, runner: RunnerIdentity, workerIds: readonly string[]): Promise<void> {
  await db
    .insertInto("job_runners")
    .values({ id: runner.id, host: runner.host, pid: runner.pid, worker_ids: [...workerIds] })
    .onConflict((conflict) =>
      conflict.column("id").doUpdateSet((eb) => ({ worker_ids: eb.ref("excluded.worker_ids"), beat_at: sql<Date>`now()` })),
    )
    .execute();
}

export async function removeHeartbeat(db: Database, runnerId: string): Promise<void> {
  await db.deleteFrom("job_runners").where("id", "=", runnerId).execute();
}

/** Unlocks the jobs and queues locked by these workers; returns how many jobs were locked. */
export async function unlockWorkers(db: Database, workerIds: readonly string[]): Promise<number> {
  if (workerIds.length === 0) return 0;
  return db.transaction().execute((trx) => unlock(trx, workerIds));
}

async function unlock(trx: Database, workerIds: readonly string[]): Promise<number> {
  const ids = [...workerIds];
  const { rows } = await sql<{ jobs: number }>`
    SELECT count(*)::int AS jobs FROM graphile_worker._private_jobs WHERE locked_by = ANY(${ids}::text[])`.execute(trx);
  // graphile-worker's own function, as WorkerUtils.forceUnlockWorkers calls it.
  await sql`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`.execute(trx);
  return rows[0]?.jobs ?? 0;
}

export interface DeadRunner extends RunnerIdentity {
  silentSeconds: number;
  /** Jobs its workers had locked, now free to run again. */
  jobs: number;
}

/**
 * Deletes the rows of runners silent for longer than `staleAfterMs` and unlocks their workers'
 * jobs, in one transaction, so that two runners sweeping at once release each job once.
 */
export async function releaseDeadRunners(db: Database, staleAfterMs: number): Promise<DeadRunner[]> {
  return db.transaction().execute(async (trx) => {
    const dead = await trx
      .deleteFrom("job_runners")
      .where("beat_at", "<", sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`)
      .returning(["id", "host", "pid", "worker_ids", sql<number>`extract(epoch FROM now() - beat_at)::float8`.as("silent")])
      .execute();
    const released: DeadRunner[] = [];
    for (const runner of dead) {
      released.push({
        id: runner.id,
        host: runner.host,
        pid: runner.pid,
        silentSeconds: Math.round(runner.silent),
        jobs: runner.worker_ids.length > 0 ? await unlock(trx, runner.worker_ids) : 0,
      });
    }
    return released;
  });
}

export interface JobRunnerHealth {
  ok: boolean;
  /** Runners that reported within the stale period. */
  runners: number;
  error?: string;
}

/**
 * Whether jobs are being run, from the heartbeats: this process's own runner when `ownRunnerId`
 * is given (jobs run in the web server), else any runner (jobs run in `npm run worker`).
 */
export async function jobRunnerHealth(db: Database, staleAfterMs: number, ownRunnerId?: string): Promise<JobRunnerHealth> {
  const rows = await db
    .selectFrom("job_runners")
    .select(["id", sql<number>`extract(epoch FROM now() - beat_at)::float8 * 1000`.as("ageMs")])
    .execute();
  const live = rows.filter((row) => row.ageMs < staleAfterMs);
  const seconds = Math.round(staleAfterMs / 1000);
  if (ownRunnerId !== undefined) {
    const own = live.some((row) => row.id === ownRunnerId);
    return own ? { ok: true, runners: live.length } : { ok: false, runners: live.length, error: `this server's job runner has not reported for ${seconds} s` };
  }
  return live.length > 0 ? { ok: true, runners: live.length } : { ok: false, runners: 0, error: `no job runner has reported for ${seconds} s` };
}
