/**
 * The job runner through faults, on a real PostgreSQL the test stops and starts: the runner
 * comes back by itself after a restart, the jobs its dead workers held run again, and a runner
 * whose process was killed has its jobs released once its heartbeat goes stale, which is also
 * what /healthz reports. Timings are shortened through the runner's options (the
 * JOBS_HEARTBEAT_SECONDS and JOBS_STALE_AFTER_SECONDS settings in production).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Writable } from "node:stream";
import { quickAddJob, type Task } from "graphile-worker";
import pino from "pino";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, db, pgPool } from "../../app/lib/db.server";
import { seedInteraction, seedUser, testWav } from "../../test/factories";
import { startControlledPostgres, type ControlledPostgres } from "../../test/controlled-postgres";
import { getConfig, setConfig } from "../config";
import { jobRunnerHealth } from "./runner-heartbeat";
import { startJobRunner, type JobRunner } from "./runner";
import { taskList } from "./task-list";

const HEARTBEAT_MS = 300;
const STALE_AFTER_MS = 1500;
const timings = { heartbeatMs: HEARTBEAT_MS, staleAfterMs: STALE_AFTER_MS, pollIntervalMs: 200 };

let postgres: ControlledPostgres;
let databaseUrl: string;

beforeAll(async () => {
  postgres = await startControlledPostgres();
  databaseUrl = await postgres.createMigratedDatabase("parley");
  // The app's pool (use cases, the runner) now talks to the database this file controls.
  await closeDb();
  setConfig({ ...getConfig(), DATABASE_URL: databaseUrl });
}, 120_000);

afterAll(async () => {
  await closeDb();
  await postgres?.dispose();
});

/** A logger whose lines the test reads. */
function capturedLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

const jobsOf = (task: string) =>
  sql<{ id: string; locked_by: string | null; attempts: number }>`
    SELECT id, locked_by, attempts FROM graphile_worker.jobs WHERE task_identifier = ${task}`
    .execute(db())
    .then((result) => result.rows);

const statusOf = async (id: string) =>
  (await db().selectFrom("interactions").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("the job runner", () => {
  // Generous time limits: a restart of PostgreSQL and a child process take seconds on a busy machine.
  it("comes back by itself after PostgreSQL restarts under running jobs, and runs those jobs and new ones", { timeout: 90_000 }, async () => {
    // Two jobs that are running when the database goes away, and finish while it is away:
    // graphile-worker cannot record their end, and each of its two workers gives up.
    const runs: Record<string, number> = {};
    const release: Array<() => void> = [];
    const hold: Task = async (payload) => {
      const { name } = payload as { name: string };
      runs[name] = (runs[name] ?? 0) + 1;
      if (runs[name] === 1) await new Promise<void>((resolve) => release.push(resolve));
    };
    const { log, lines } = capturedLog();
    const runner = await startJobRunner(log, { ...timings, concurrency: 2, taskList: { ...taskList, hold } });
    try {
      await quickAddJob({ pgPool: pgPool() }, "hold", { name: "first" });
      await quickAddJob({ pgPool: pgPool() }, "hold", { name: "second" });
      await expect.poll(() => release.length, { timeout: 30_000 }).toBe(2);

      await postgres.stop();
      for (const finish of release) finish();
      await expect.poll(() => lines.some((line) => line.msg.startsWith("the job runner stopped")), { timeout: 30_000 }).toBe(true);
      await postgres.start();

      // Work queued after the restart: a recording's waveform.
      const agent = await seedUser("agent");
      const { id } = await seedInteraction(agent.id, { recording: { body: testWav({ seconds: 1 }) } });
      await expect.poll(() => statusOf(id), { timeout: 20_000 }).toBe("ready");
      // The held jobs were unlocked when the runner came back, and ran again.
      await expect.poll(() => jobsOf("hold"), { timeout: 30_000 }).toEqual([]);
      expect(runs).toEqual({ first: 2, second: 2 });

      expect(lines.filter((line) => line.msg.startsWith("the job runner stopped"))).toHaveLength(1);
      expect(lines.filter((line) => line.msg === "the job runner is running again")).toHaveLength(1);
      expect(lines.filter((line) => line.msg.startsWith("unlocked 2 jobs"))).toHaveLength(1);
      // Its heartbeat says so: what /healthz reads.
      await expect.poll(() => jobRunnerHealth(db(), STALE_AFTER_MS, runner.id)).toEqual({ ok: true, runners: 1 });
    } finally {
      await runner.stop();
    }
    // A runner that stops properly takes its heartbeat with it.
    expect(await db().selectFrom("job_runners").select("id").execute()).toEqual([]);
  });

  it("releases the jobs of a runner whose process was killed once its heartbeat is stale", { timeout: 120_000 }, async () => {
    const child = startRunnerProcess();
    let survivor: JobRunner | null = null;
    try {
      const { runnerId } = await child.ready;
      // Jobs run in a process of their own, as with `npm run worker`: /healthz's view of them.
      await expect.poll(() => jobRunnerHealth(db(), STALE_AFTER_MS)).toEqual({ ok: true, runners: 1 });

      await quickAddJob({ pgPool: pgPool() }, "hold", { name: "orphan" });
      const workerIds = async () =>
        (await db().selectFrom("job_runners").select("worker_ids").where("id", "=", runnerId).executeTakeFirst())?.worker_ids ?? [];
      await expect
        .poll(async () => {
          const [job] = await jobsOf("hold");
          return job?.locked_by != null && (await workerIds()).includes(job.locked_by);
        }, { timeout: 30_000 })
        .toBe(true);

      child.process.kill("SIGKILL");
      await once(child.process, "exit");
      await expect
        .poll(() => jobRunnerHealth(db(), STALE_AFTER_MS), { timeout: 30_000 })
        .toEqual({ ok: false, runners: 0, error: "no job runner has reported for 2 s" });
      expect((await jobsOf("hold"))[0]?.locked_by).not.toBeNull();

      let ran = 0;
      survivor = await startJobRunner(capturedLog().log, {
        ...timings,
        taskList: {
          ...taskList,
          hold: () => {
            ran++;
            return Promise.resolve();
          },
        },
      });
      await expect.poll(() => jobsOf("hold"), { timeout: 30_000 }).toEqual([]);
      expect(ran).toBe(1);
      expect(await db().selectFrom("job_runners").select("id").execute()).toEqual([{ id: survivor.id }]);
      expect(await jobRunnerHealth(db(), STALE_AFTER_MS)).toEqual({ ok: true, runners: 1 });
    } finally {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
      await survivor?.stop();
    }
  });
});

/** test/support/job-runner-process.ts in a child process, on this file's database. */
function startRunnerProcess(): { process: ChildProcess; ready: Promise<{ runnerId: string }> } {
  const s3 = inject("s3");
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/job-runner-process.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: databaseUrl,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      HEARTBEAT_MS: String(HEARTBEAT_MS),
      STALE_AFTER_MS: String(STALE_AFTER_MS),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<{ runnerId: string }>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve(JSON.parse(line) as { runnerId: string });
    });
    child.on("exit", (code) => reject(new Error(`the runner process exited with ${code} before it was ready`)));
  });
  return { process: child, ready };
}
