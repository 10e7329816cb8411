/**
 * `npm run bench:memory` — the server's resident memory before, during and after load on the
 * conversation list.
 *
 * Builds the app, starts PostgreSQL (a fresh database on DATABASE_URL's server when set, else
 * an embedded one in a temp folder) and the compiled server (`build/server/index.js`, as
 * `npm start` runs it) with the demo organisation seeded and the job runner inside. Signs in
 * as the demo admin, waits BENCH_SETTLE seconds, then has BENCH_CONNECTIONS connections
 * (autocannon) ask for /interactions for BENCH_SECONDS, and watches the server for
 * BENCH_AFTER seconds more. RSS is read from /proc/<pid>/status every 250 ms. Prints numbers;
 * it is not a test. Results: docs/benchmarks.md.
 *
 * Environment: BENCH_CONNECTIONS (20), BENCH_SECONDS (60), BENCH_SETTLE (10), BENCH_AFTER (30),
 * BENCH_PATH (/interactions), BENCH_NODE_ARGS (extra flags for the server's node),
 * BENCH_SERVER_ENV (extra variables for the server, "NAME=value NAME=value"),
 * BENCH_SKIP_BUILD (0), DATABASE_URL.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import autocannon from "autocannon";
import { DEMO_PASSWORD, demoEmail } from "../db/seed/demo-organisation";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { loadAverage, machine, rssMb, RssSampler } from "./measure";
import { build, log } from "./review-setup";
import { startAppServer } from "./server-process";

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const CONNECTIONS = Math.max(1, setting("BENCH_CONNECTIONS", 20));
const SECONDS = setting("BENCH_SECONDS", 60);
const SETTLE = setting("BENCH_SETTLE", 10);
const AFTER = setting("BENCH_AFTER", 30);
const PATH = process.env.BENCH_PATH ?? "/interactions";

function serverEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_SERVER_ENV ?? "").split(" ").filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email: demoEmail("admin"), password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`signing in as the demo admin answered ${response.status}`);
  return cookie;
}

/** Mean RSS of the samples between two times (seconds since the sampler started). */
function meanBetween(sampler: RssSampler, from: number, to: number): number {
  const values = sampler.samples.filter((sample) => sample.t >= from && sample.t <= to).map((sample) => sample.rssMb);
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-bench-memory-"));
await fs.chmod(dir, 0o777);
const cleanups: Array<() => Promise<void>> = [];
let exitCode = 0;
try {
  log(`machine: ${machine()}; load average ${loadAverage()}`);
  build();
  const pg = await startScratchServer();
  cleanups.unshift(() => pg.stop());
  const database = uniqueDatabaseName("parley_bench");
  const databaseUrl = await createDatabase(pg.serverUrl, database);
  cleanups.unshift(() => dropDatabase(pg.serverUrl, database));
  const extraEnv = serverEnv();
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  log(`server settings: ${JSON.stringify(extraEnv)} node ${nodeArgs.join(" ") || "(no extra flags)"}`);
  const server = await startAppServer({
    env: { DATABASE_URL: databaseUrl, SEED_DEMO_DATA: "true", JOBS_IN_PROCESS: "true", ...extraEnv },
    dataDir: path.join(dir, "data"),
    nodeArgs,
  });
  cleanups.unshift(() => server.stop());
  const pid = server.process.pid ?? 0;
  const cookie = await signIn(server.url);
  const check = await fetch(`${server.url}${PATH}`, { headers: { Cookie: cookie } });
  if (check.status !== 200) throw new Error(`GET ${PATH} answered ${check.status}`);
  log(`server ${server.url} (pid ${pid}) with the demo organisation; ${PATH} is ${((await check.text()).length / 1024).toFixed(0)} KB`);

  const sampler = new RssSampler(pid);
  await delay(SETTLE * 1000);
  const loadStart = sampler.samples.at(-1)?.t ?? 0;
  const before = rssMb(pid) ?? Number.NaN;
  log(`before: ${before.toFixed(0)} MB; ${CONNECTIONS} connections on ${PATH} for ${SECONDS} s…`);
  // As a browser asks: compressed (the server gzips pages through the compression middleware).
  const headers = { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" };
  const result = await autocannon({ url: `${server.url}${PATH}`, connections: CONNECTIONS, duration: SECONDS, headers });
  const loadEnd = sampler.samples.at(-1)?.t ?? 0;
  const justAfter = rssMb(pid) ?? Number.NaN;
  await delay(AFTER * 1000);
  sampler.stop();
  const after = rssMb(pid) ?? Number.NaN;
  const during = sampler.samples.filter((sample) => sample.t >= loadStart && sample.t <= loadEnd);
  const peak = Math.max(...during.map((sample) => sample.rssMb));
  const lastTenSeconds = meanBetween(sampler, loadEnd - 10, loadEnd);

  const results = {
    machine: machine(),
    load: { path: PATH, connections: CONNECTIONS, seconds: SECONDS, loadAverage: loadAverage() },
    server: { env: extraEnv, nodeArgs },
    requests: {
      total: result.requests.total,
      perSecond: Math.round(result.requests.average),
      non2xx: result.non2xx,
      errors: result.errors,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    },
    rssMb: {
      before: Math.round(before),
      duringPeak: Math.round(peak),
      duringLast10s: Math.round(lastTenSeconds),
      justAfter: Math.round(justAfter),
      [`after${AFTER}s`]: Math.round(after),
    },
  };
  log(`RSS timeline (s MB): ${sampler.timeline(5)}`);
  log(`requests: ${result.requests.total} (${results.requests.perSecond}/s), non-2xx ${result.non2xx}, errors ${result.errors}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  log(`RSS before ${results.rssMb.before} MB · during: peak ${results.rssMb.duringPeak} MB, last 10 s ${results.rssMb.duringLast10s} MB · just after ${results.rssMb.justAfter} MB · ${AFTER} s after ${Math.round(after)} MB`);
  console.log(JSON.stringify(results, null, 2));
} catch (error) {
  console.error("[bench] failed:", error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error("[bench] cleanup:", error));
  await fs.rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
