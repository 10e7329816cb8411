/**
 * The job runner: graphile-worker under a supervisor that keeps it running through database
 * outages (docs/decisions/0016).
 *
 * graphile-worker 0.16 gives up for good when the database goes away under it: a worker that
 * cannot record its finished job "commits seppuku" and is not replaced, and a cron tick that
 * cannot reach the database stops the runner. Its jobs stay locked for four hours. Here:
 * - a worker's death or the runner's end starts a new runner as soon as the database answers,
 *   after unlocking the old workers' jobs (they are known to have stopped);
 * - every runner writes a heartbeat; a runner whose heartbeat went stale (its process died)
 *   has its jobs unlocked by whichever runner notices first.
 */
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { Logger as WorkerLogger, run, type Runner, type TaskList, type WorkerEvents, type WorkerPool } from "graphile-worker";
import { db, pgPool } from "../../app/lib/db.server";
import { isDatabaseUnavailable } from "../../db/outage";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { recordHeartbeat, releaseDeadRunners, removeHeartbeat, unlockWorkers, type RunnerIdentity } from "./runner-heartbeat";
import { crontab as defaultCrontab, taskList as defaultTaskList } from "./task-list";

export interface JobRunnerOptions {
  concurrency?: number;
  /** JOBS_HEARTBEAT_SECONDS in ms: how often this runner says it is alive. */
  heartbeatMs: number;
  /** JOBS_STALE_AFTER_SECONDS in ms: a runner silent this long is dead. */
  staleAfterMs: number;
  taskList?: TaskList;
  crontab?: string;
  pollIntervalMs?: number;
}

export interface JobRunner {
  /** Its row in job_runners. */
  readonly id: string;
  /**
   * Stops taking jobs and waits for the running ones; at `deadline` (epoch ms) those still
   * running are failed, so that they are retried rather than left locked.
   */
  stop(deadline?: number): Promise<void>;
}

interface Generation {
  runner: Runner;
  pool: WorkerPool | null;
  workerIds: Set<string>;
}

/** The timings from the configuration. */
export function jobRunnerOptions(config: Pick<Config, "JOBS_HEARTBEAT_SECONDS" | "JOBS_STALE_AFTER_SECONDS">): JobRunnerOptions {
  return { heartbeatMs: config.JOBS_HEARTBEAT_SECONDS * 1000, staleAfterMs: config.JOBS_STALE_AFTER_SECONDS * 1000 };
}

/** Starts the runner (retrying until the database answers) and its heartbeat. */
export async function startJobRunner(log: Logger, options: JobRunnerOptions): Promise<JobRunner> {
  const supervisor = new Supervisor(log.child({ component: "jobs" }), options);
  await supervisor.start();
  return supervisor;
}

class Supervisor implements JobRunner {
  readonly id: string;
  private readonly identity: RunnerIdentity;
  private current: Generation | null = null;
  /** Workers of runners that stopped, whose jobs are unlocked before the next one starts. */
  private readonly deadWorkers = new Set<string>();
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Since when heartbeats have succeeded without a break (null: the last one failed). */
  private reachableSince: number | null = null;
  private readonly wakeUp = new AbortController();

  constructor(
    private readonly log: Logger,
    private readonly options: JobRunnerOptions,
  ) {
    const host = os.hostname();
    this.identity = { id: `${host}:${process.pid}:${randomBytes(4).toString("hex")}`, host, pid: process.pid };
    this.id = this.identity.id;
  }

  async start(): Promise<void> {
    await this.launchUntilRunning();
    this.scheduleBeat();
  }

  async stop(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopping = true;
    this.wakeUp.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.restarting;
    const current = this.current;
    this.current = null;
    if (current) await this.stopGeneration(current, deadline);
    await removeHeartbeat(db(), this.id).catch(() => {});
  }

  /** Starts a runner, retrying with back-off (up to a heartbeat apart) while the database is away. */
  private async launchUntilRunning(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        if (this.deadWorkers.size > 0) {
          const jobs = await unlockWorkers(db(), [...this.deadWorkers]);
          if (jobs > 0) this.log.info({ jobs }, `unlocked ${jobs} jobs of the stopped job runner; they run again`);
          this.deadWorkers.clear();
        }
        this.current = await this.launch();
        await this.beat();
        return;
      } catch (error) {
        if (attempt === 0) this.log.warn({ reason: reasonOf(error) }, "the job runner cannot start yet; trying again until the database answers");
        const wait = Math.min(1000 * 2 ** attempt, this.options.heartbeatMs);
        await delay(wait, undefined, { signal: this.wakeUp.signal }).catch(() => {});
      }
    }
  }

  private async launch(): Promise<Generation> {
    const events: WorkerEvents = new EventEmitter();
    const generation: Generation = { runner: undefined as unknown as Runner, pool: null, workerIds: new Set() };
    events.on("pool:create", ({ workerPool }) => {
      generation.pool = workerPool;
    });
    events.on("worker:create", ({ worker }) => generation.workerIds.add(worker.workerId));
    // A worker that failed to record its job's end leaves the pool without a replacement.
    events.on("worker:stop", ({ error }) => {
      if (error) this.restart(generation, error);
    });
    generation.runner = await run({
      pgPool: pgPool(),
      taskList: this.options.taskList ?? defaultTaskList,
      crontab: this.options.crontab ?? defaultCrontab,
      concurrency: this.options.concurrency ?? 2,
      noHandleSignals: true,
      pollInterval: this.options.pollIntervalMs ?? 2000,
      events,
      logger: workerLogger(this.log),
    });
    // The runner ends by itself when its cron cannot reach the database.
    generation.runner.promise.then(
      () => this.restart(generation, new Error("the job runner stopped")),
      (error: unknown) => this.restart(generation, error),
    );
    return generation;
  }

  private restart(generation: Generation, error: unknown): void {
    if (this.stopping || this.current !== generation) return;
    this.current = null;
    this.log.error({ reason: reasonOf(error) }, "the job runner stopped; it starts again as soon as the database answers");
    this.restarting = (async () => {
      await this.stopGeneration(generation, Number.POSITIVE_INFINITY);
      for (const id of generation.workerIds) this.deadWorkers.add(id);
      await this.launchUntilRunning();
      if (this.current) this.log.info("the job runner is running again");
    })().finally(() => {
      this.restarting = null;
    });
  }

  private async stopGeneration(generation: Generation, deadline: number): Promise<void> {
    const stopped = generation.runner.stop().catch(() => {
      // Already stopping by itself (its cron failed): its promise settles when it has.
      return generation.runner.promise.catch(() => {});
    });
    const left = deadline - Date.now();
    if (!Number.isFinite(left)) return stopped;
    const timedOut = await Promise.race([stopped.then(() => false), delay(Math.max(0, left), true, { ref: false })]);
    if (timedOut && generation.pool) {
      this.log.warn("jobs still running at the end of the shutdown grace period are failed, to be retried");
      await generation.pool.forcefulShutdown("Parley is shutting down").catch(() => {});
    }
  }

  private scheduleBeat(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      void this.beat().finally(() => this.scheduleBeat());
    }, this.options.heartbeatMs);
    this.timer.unref();
  }

  /**
   * Writes this runner's heartbeat (only while it runs: a stale row is how others and /healthz
   * learn that it does not), then releases the jobs of runners that went silent. That sweep
   * waits until this runner has itself reached the database for a whole stale period: after an
   * outage every row is old, and live runners need one heartbeat to say so.
   */
  private async beat(): Promise<void> {
    const current = this.current;
    if (!current) {
      this.reachableSince = null;
      return;
    }
    try {
      await recordHeartbeat(db(), this.identity, [...current.workerIds]);
      this.reachableSince ??= Date.now();
      if (Date.now() - this.reachableSince < this.options.staleAfterMs) return;
      for (const dead of await releaseDeadRunners(db(), this.options.staleAfterMs)) {
        this.log.warn(
          { runner: dead.id, host: dead.host, pid: dead.pid, silentSeconds: dead.silentSeconds, jobs: dead.jobs },
          `a job runner stopped reporting ${dead.silentSeconds} s ago; its ${dead.jobs} locked jobs run again`,
        );
      }
    } catch (error) {
      this.reachableSince = null;
      if (!isDatabaseUnavailable(error)) this.log.error({ err: error }, "could not record the job runner's heartbeat");
    }
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * graphile-worker's log lines into ours. Errors that only say the database is away are kept to
 * debug: the pool logs the outage once, and the supervisor what it does about it.
 */
function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    const name = String(level);
    let method: "error" | "warn" | "info" | "debug" = name === "error" ? "error" : name === "warning" ? "warn" : name === "debug" ? "debug" : "info";
    const cause = (meta as { error?: unknown; fatalError?: unknown } | undefined)?.fatalError ?? (meta as { error?: unknown } | undefined)?.error;
    if (method === "error" && isOutageMessage(cause, message)) method = "debug";
    log[method](meta ?? {}, message);
  });
}

function isOutageMessage(cause: unknown, message: string): boolean {
  if (isDatabaseUnavailable(cause)) return true;
  return /ECONNREFUSED|Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down)/.test(message);
}
