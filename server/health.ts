import type { Request, Response } from "express";
import { sql } from "kysely";
import { db } from "../app/lib/db.server";
import { blobStore } from "../app/lib/storage.server";
import { jobRunnerHealth } from "./jobs/runner-heartbeat";

const TIMEOUT_MS = 3000;

export interface HealthOptions {
  /** JOBS_STALE_AFTER_SECONDS in ms. */
  staleAfterMs: number;
  /** The job runner inside this process (JOBS_IN_PROCESS), if any. */
  jobRunnerId?: string;
}

interface Check {
  ok: boolean;
  ms: number;
  error?: string;
  runners?: number;
}

/**
 * GET /healthz: PostgreSQL, storage and the job runners' heartbeats (docs/decisions/0016).
 * 503 when this server cannot work: the database or storage does not answer, or the job runner
 * it runs itself has stopped reporting. Jobs run elsewhere (`npm run worker`) and none of those
 * reporting is "degraded" with 200: restarting this server would not help, and a load balancer
 * must not take every web server out for it.
 */
export function healthCheck({ staleAfterMs, jobRunnerId }: HealthOptions) {
  return async (_req: Request, res: Response): Promise<void> => {
    const [database, storage] = await Promise.all([
      check(async () => {
        await sql`select 1`.execute(db());
      }),
      check(async () => {
        await blobStore().ping({ timeoutMs: TIMEOUT_MS });
      }),
    ]);
    const jobs: Check = database.ok
      ? await check(async () => jobRunnerHealth(db(), staleAfterMs, jobRunnerId))
      : { ok: false, ms: 0, error: "unknown while the database does not answer" };
    const serving = database.ok && storage.ok && (jobs.ok || jobRunnerId === undefined);
    const status = !serving ? "unavailable" : jobs.ok ? "ok" : "degraded";
    res
      .status(serving ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ status, checks: { database, storage, jobs } });
  };
}

async function check(probe: () => Promise<void | { ok: boolean; error?: string; runners?: number }>): Promise<Check> {
  const started = Date.now();
  try {
    const result = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { ...(result ?? { ok: true }), ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}
