/**
 * A job runner in a process of its own, as `npm run worker` runs one, for server/jobs/runner.test.ts:
 * the real task list plus `hold`, a job that never ends, so that the test can kill the process
 * while a job is locked. Prints `{"runnerId": …}` once running.
 */
import { parseConfig, setConfig } from "../../server/config";
import { startJobRunner } from "../../server/jobs/runner";
import { taskList } from "../../server/jobs/task-list";
import { logger } from "../../server/logger";

setConfig(parseConfig());
const runner = await startJobRunner(logger, {
  heartbeatMs: Number(process.env.HEARTBEAT_MS),
  staleAfterMs: Number(process.env.STALE_AFTER_MS),
  pollIntervalMs: 200,
  taskList: { ...taskList, hold: () => new Promise<void>(() => {}) },
});
process.stdout.write(`${JSON.stringify({ runnerId: runner.id })}\n`);
