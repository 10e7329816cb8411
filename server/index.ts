/**
 * The Parley web server: boots the infrastructure (embedded PostgreSQL and S3 when
 * none are configured), migrates, seeds the demo organisation on an empty
 * database, runs the job queue in-process (unless JOBS_IN_PROCESS=false) and serves
 * the Remix app. SIGINT/SIGTERM close everything in order within SHUTDOWN_GRACE_SECONDS:
 * requests in flight, then the job runner, then the pool and the embedded servers.
 */
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { db } from "../app/lib/db.server";
import { blobStore } from "../app/lib/storage.server";
import { demoLogins, seedDemoIfEmpty } from "../db/seed/seed-demo";
import { DEMO_PASSWORD } from "../db/seed/demo-organisation";
import { boot } from "./boot";
import { drainable } from "./graceful-http";
import { createHttpApp } from "./http";
import { jobRunnerOptions, startJobRunner, type JobRunner } from "./jobs/runner";
import { logger as log } from "./logger";

const BUILD_PATH = path.resolve("build/index.js");

const booted = await boot(log, { serveStorage: true }).catch((error: unknown) => {
  log.fatal({ err: error }, "Parley could not start");
  process.exit(1);
});
const { config } = booted;

const appOrigin = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `http://${config.HOST}:${config.PORT}`;
const bucket = await blobStore().ensureBucket({ corsOrigins: [appOrigin] });
if (!bucket.corsApplied) {
  log.warn({ reason: bucket.corsError }, "CORS rule not applied to the bucket: browser uploads and playback may fail");
}

if (config.SEED_DEMO_DATA) {
  const started = Date.now();
  const report = await seedDemoIfEmpty(db(), blobStore());
  if (report.seeded) {
    log.info({ users: report.users, interactions: report.interactions, assignments: report.assignments, evaluations: report.evaluations, ms: Date.now() - started }, "demo data seeded");
  }
}

let runner: JobRunner | null = null;
if (config.JOBS_IN_PROCESS) runner = await startJobRunner(log, jobRunnerOptions(config));

const build = await loadBuild();
const app = createHttpApp({
  config,
  log,
  build: config.NODE_ENV === "development" ? loadBuild : build,
  jobRunnerId: runner?.id,
});

const server: Server = app.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://${config.HOST}:${port}`;
  log.info({ url }, "Parley is listening");
  printWelcome(url);
  if (config.NODE_ENV === "development") void broadcastDevReady(build);
});
// With the embedded store behind the app, a request body may be a 32 MiB upload part from a
// slow link: allow what Node allows by default (and s3rver allowed before, decision 0014).
server.requestTimeout = config.storageThroughApp ? 300_000 : 120_000;
// Longer than the idle timeout of common load balancers (60 s), so that the server is not the
// side closing an idle connection just as the proxy (or, under load, a client) reuses it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
const drain = drainable(server);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  const grace = config.SHUTDOWN_GRACE_SECONDS * 1000;
  const started = Date.now();
  log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "shutting down");
  const force = setTimeout(() => {
    log.error(`shutdown took over ${config.SHUTDOWN_GRACE_SECONDS} s; exiting`);
    process.exit(1);
  }, grace);
  force.unref();
  try {
    // Requests get most of the grace period; the runner's jobs what is left but a second,
    // the pool and the embedded servers that second.
    const answered = await drain.close(started + grace * 0.6);
    if (!answered) log.warn("requests still running at the end of their share of the grace period were cut");
    log.info({ ms: Date.now() - started }, "HTTP server closed");
    if (runner) {
      await runner.stop(started + grace - 1000);
      log.info({ ms: Date.now() - started }, "job runner stopped");
    }
    await booted.close();
    log.info({ ms: Date.now() - started }, "database pool and storage closed; stopped");
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, "error during shutdown");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

async function loadBuild(): Promise<ServerBuild> {
  try {
    // The query string defeats the module cache so `npm run dev` serves each rebuild.
    const url = pathToFileURL(BUILD_PATH).href + (config.NODE_ENV === "development" ? `?t=${Date.now()}` : "");
    return (await import(url)) as ServerBuild;
  } catch (error) {
    log.fatal({ err: error }, `no Remix build at ${BUILD_PATH}: run \`npm run build\` first (npm start does)`);
    process.exit(1);
  }
}

function printWelcome(url: string) {
  if (!config.SEED_DEMO_DATA || config.NODE_ENV === "test") return;
  const lines = demoLogins().map((login) => `  ${login.role.padEnd(10)} ${login.email}`);
  console.log(`\nParley is running at ${url}\nDemo logins (password: ${DEMO_PASSWORD}):\n${lines.join("\n")}\n`);
}
