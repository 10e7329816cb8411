import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { db } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { boot, type Booted } from "../../server/boot";
import { ConfigError, parseConfig } from "../../server/config";
import { logger } from "../../server/logger";
import { createApiSink } from "./api-sink";
import { parseArgs, usage, UsageError, type ImportOptions } from "./args";
import { createDirectSink, findImporter } from "./direct-sink";
import { planImport } from "./plan";
import { createProgress } from "./progress";
import { exitCodeOf, formatSummary, runImport } from "./run-import";
import { FatalError, type ImportSink } from "./sink";
import { ImportState } from "./state";

const fail = (message: string, code = 1): never => {
  console.error(`import: ${message}`);
  process.exit(code);
};

let options: ImportOptions;
try {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === "help") {
    console.log(usage);
    process.exit(0);
  }
  options = parsed;
} catch (error) {
  if (error instanceof UsageError) fail(`${error.message}\n\n${usage}`, 2);
  throw error;
}

const plan = await planImport(options.target).catch((error: unknown) => fail((error as Error).message));
if (plan.items.length === 0) fail(`nothing to import in ${options.target}: no transcript files (.vtt, .srt, .json, .csv, .txt) or manifest rows`);
const state = await ImportState.load(plan.statePath, { fresh: options.fresh }).catch((error: unknown) => fail((error as Error).message));

let booted: Booted | null = null;
let sink: ImportSink;
let target: string;
try {
  if (options.apiUrl) {
    const apiSink = createApiSink(options.apiUrl, options.token ?? "");
    await apiSink.check();
    sink = apiSink;
    target = options.apiUrl;
  } else {
    refuseWhileServerRuns();
    booted = await boot(logger).catch((error: unknown) => {
      const message = (error as Error).message;
      if (/already running/.test(message)) fail(`${message}\nStop the server or use --api-url.`);
      throw error;
    });
    await blobStore().ensureBucket({ corsOrigins: [] });
    const importer = await findImporter(db(), options.as);
    sink = createDirectSink(db(), blobStore(), importer, {
      maxTranscriptBytes: booted.config.MAX_TRANSCRIPT_MB * 1024 * 1024,
      maxRecordingBytes: booted.config.MAX_RECORDING_MB * 1024 * 1024,
    });
    target = `the database and storage of this environment, as ${importer.email}`;
  }
} catch (error) {
  await booted?.close();
  if (error instanceof FatalError) fail(error.message);
  throw error;
}

const stop = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts === 1) {
    console.error("\nStopping after the imports in flight (Ctrl-C again to quit at once)…");
    stop.abort();
    return;
  }
  void state.save().finally(() => process.exit(130));
});
process.on("SIGTERM", () => stop.abort());

const already = state.size ? ` (${state.size} done in earlier runs are skipped)` : "";
console.log(`Importing ${plan.items.length} items from ${options.target} into ${target}${already}.`);
if (plan.ignored.length) console.log(`Ignoring ${plan.ignored.length} other file(s), e.g. ${plan.ignored.slice(0, 3).join(", ")}.`);

const summary = await runImport(plan, sink, state, {
  source: options.source,
  concurrency: options.concurrency,
  stopAfter: options.stopAfter,
  signal: stop.signal,
  progress: createProgress(plan.items.length, process.stdout),
});
console.log(formatSummary(summary, plan.statePath));
await booted?.close();
process.exit(exitCodeOf(summary));

/**
 * The embedded PostgreSQL's data folder can be opened by one process only. When a
 * server holds it, say so plainly instead of failing inside start-up.
 */
function refuseWhileServerRuns(): void {
  let config;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.DATABASE_URL) return;
  const pidFile = path.join(config.dataDir, "postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  try {
    if (Number.isFinite(pid)) process.kill(pid, 0);
    else return;
  } catch {
    return; // a stale pid file; start-up removes it
  }
  fail(`Parley's embedded PostgreSQL (${path.dirname(pidFile)}) is in use by a running server (pid ${pid}).\nStop the server or use --api-url http://localhost:3000 --token <API token>.`);
}
