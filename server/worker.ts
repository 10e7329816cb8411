/**
 * `npm run worker`: the job runner alone, for deployments that run background
 * work apart from the web servers (set JOBS_IN_PROCESS=false on those). Needs
 * DATABASE_URL and S3_* pointing at the same services as the web servers.
 */
import { boot } from "./boot";
import { jobRunnerOptions, startJobRunner } from "./jobs/runner";
import { logger as log } from "./logger";

const booted = await boot(log).catch((error: unknown) => {
  log.fatal({ err: error }, "the worker could not start");
  process.exit(1);
});
if (booted.infrastructure.embedded.postgres) {
  log.warn("no DATABASE_URL: this worker runs its own embedded PostgreSQL and will not see a web server's jobs");
}
const runner = await startJobRunner(log, { ...jobRunnerOptions(booted.config), concurrency: 4 });
log.info("worker running");

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info({ signal }, "worker shutting down");
  const force = setTimeout(() => {
    log.error(`shutdown took over ${booted.config.SHUTDOWN_GRACE_SECONDS} s; exiting`);
    process.exit(1);
  }, booted.config.SHUTDOWN_GRACE_SECONDS * 1000);
  force.unref();
  await runner.stop(Date.now() + booted.config.SHUTDOWN_GRACE_SECONDS * 1000 - 1000);
  log.info("job runner stopped");
  await booted.close();
  log.info("database pool closed; stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
