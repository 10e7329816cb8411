/**
 * `npm run worker`: the job runner alone, for deployments that run background
 * work apart from the web servers (set JOBS_IN_PROCESS=false on those). Needs
 * DATABASE_URL and S3_* pointing at the same services as the web servers.
 */
import { boot } from "./boot";
import { startJobRunner } from "./jobs/runner";
import { logger as log } from "./logger";

const booted = await boot(log).catch((error: unknown) => {
  log.fatal({ err: error }, "the worker could not start");
  process.exit(1);
});
if (booted.infrastructure.embedded.postgres) {
  log.warn("no DATABASE_URL: this worker runs its own embedded PostgreSQL and will not see a web server's jobs");
}
const runner = await startJobRunner(log, { concurrency: 4 });
log.info("worker running");

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info({ signal }, "worker shutting down");
  await runner.stop();
  await booted.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
