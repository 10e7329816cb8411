import { Logger as WorkerLogger, run, type Runner } from "graphile-worker";
import { pgPool } from "../../app/lib/db.server";
import type { Logger } from "../logger";
import { crontab, taskList } from "./task-list";

export type { Runner } from "graphile-worker";

/** Starts the graphile-worker runner on the app's pool; signals are handled by our own shutdown. */
export function startJobRunner(log: Logger, { concurrency = 2 }: { concurrency?: number } = {}): Promise<Runner> {
  const jobLog = log.child({ component: "jobs" });
  return run({
    pgPool: pgPool(),
    taskList,
    crontab,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: new WorkerLogger(() => (level, message, meta) => {
      const name = String(level);
      const method = name === "error" ? "error" : name === "warning" ? "warn" : name === "debug" ? "debug" : "info";
      jobLog[method](meta ?? {}, message);
    }),
  });
}
