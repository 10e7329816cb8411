/**
 * `npm run bench:ingest` — ingest throughput and server memory, on the real server.
 *
 * Builds the app, starts PostgreSQL (a fresh database on DATABASE_URL's server when
 * set, else an embedded one in a temp folder), migrates and seeds an admin, agents and
 * an API token, starts the compiled server (`build/server/index.js`, as `npm start`
 * does) as a child process (embedded s3rver inside it unless BENCH_S3=external), and
 * then:
 *   (a) pushes BENCH_COUNT chats through POST /api/v1/interactions/batch from
 *       BENCH_CLIENTS concurrent clients: interactions/s and the server's peak RSS;
 *   (b) uploads a BENCH_RECORDING_MB WAV generated on disk through the app's upload
 *       path (POST /uploads → multipart presigned PUTs streamed from disk → POST
 *       /interactions with the parts): throughput and the server's RSS over time;
 *   (c) (BENCH_PEAKS=1) runs the waveform job for that recording in a separate worker
 *       process and reports its time and peak RSS.
 * RSS is read from /proc/<pid>/status (VmRSS, VmHWM) of the server process. Prints
 * numbers; it is not a test. See docs/benchmarks.md for results.
 *
 * Environment: BENCH_COUNT (100000), BENCH_CLIENTS (4), BENCH_BATCH (250),
 * BENCH_RECORDING_MB (1024, 0 skips), BENCH_S3 (embedded | external), BENCH_PEAKS (0),
 * BENCH_SKIP_BUILD (0), BENCH_KEEP (0: delete the temp folder), DATABASE_URL.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import type { BatchResult, UploadPlanJson } from "../app/modules/api/api.schema";
import { createApiToken } from "../app/modules/api-tokens/create-api-token.server";
import { pcm16WavHeader } from "../app/modules/recordings/pcm-wav-header";
import { createUser } from "../app/modules/users/create-user.server";
import { createTeam } from "../app/modules/users/save-team.server";
import { createDb, createPool } from "../db/client";
import { installJobQueue } from "../db/job-queue";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { uploadRecording } from "../scripts/import/upload-file";
import { loadAverage, machine, RssSampler } from "./measure";
import { startAppServer, WORKER_ENTRY, type AppServer } from "./server-process";
import { seedData } from "../app/modules/access/actor";

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const COUNT = env("BENCH_COUNT", 100_000);
const CLIENTS = Math.max(1, env("BENCH_CLIENTS", 4));
const BATCH = Math.min(500, Math.max(1, env("BENCH_BATCH", 250)));
const RECORDING_MB = env("BENCH_RECORDING_MB", 1024);
const EXTERNAL_S3 = process.env.BENCH_S3 === "external";
const PEAKS = process.env.BENCH_PEAKS === "1";
const AGENTS = 20;
const MiB = 1024 * 1024;

const log = (message: string) => console.log(`[bench] ${message}`);

// ---------------------------------------------------------------- memory sampling

// ---------------------------------------------------------------- set-up

function build() {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  log("building the app (npm run build)…");
  const result = spawnSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("npm run build failed");
}

async function seed(databaseUrl: string) {
  const pool = createPool({ connectionString: databaseUrl, max: 2 });
  const db = createDb({ pool });
  try {
    await migrateToLatest(db);
    await installJobQueue(pool);
    const password = randomBytes(12).toString("base64url");
    const admin = await createUser(db, seedData, { name: "Bench Admin", email: "admin@bench.test", role: "admin", teamIds: [], password });
    const team = await createTeam(db, seedData, "Bench team");
    const agents: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const email = `agent${i}@bench.test`;
      await createUser(db, seedData, { name: `Agent ${i}`, email, role: "agent", teamIds: [team.id], password });
      agents.push(email);
    }
    const viewer = { id: admin.id, name: "Bench Admin", email: "admin@bench.test", role: "admin" as const, teamIds: [] };
    const { token } = await createApiToken(db, viewer, "bench");
    return { token, agents };
  } finally {
    await db.destroy();
  }
}

async function startS3Process(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/s3-server.ts", dataDir, "parley"], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  const info = JSON.parse(line.toString()) as { endpoint: string; accessKeyId: string; secretAccessKey: string };
  return {
    ...info,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

// ---------------------------------------------------------------- (a) batch

function chatContent(i: number, start: Date): string {
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000).toISOString();
  return JSON.stringify({
    messages: [
      { created_at: at(0), role: "customer", author: "Customer", text: `Hello, my order ${i} has not arrived yet.` },
      { created_at: at(35), role: "agent", author: "Agent", text: "Sorry to hear that. Let me check the tracking for you." },
      { created_at: at(80), role: "customer", author: "Customer", text: "Thank you, it was due on Monday." },
      { created_at: at(140), role: "agent", author: "Agent", text: "It is at the local depot and will be delivered tomorrow." },
    ],
  });
}

function chatRequest(i: number, agents: string[]) {
  const start = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  return {
    source: "bench",
    externalId: `chat-${i}`,
    agent: agents[i % agents.length] as string,
    startedAt: start.toISOString(),
    queue: "Orders",
    tags: ["bench"],
    transcript: { fileName: `chat-${i}.json`, content: chatContent(i, start), format: "chat-json" },
  };
}

async function benchBatch(server: AppServer, token: string, agents: string[], pids: Record<string, number>) {
  log(`(a) ${COUNT} chats through POST /api/v1/interactions/batch: ${CLIENTS} clients, ${BATCH} per call`);
  const samplers = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, new RssSampler(pid)]));
  const latencies: number[] = [];
  let next = 0;
  let created = 0;
  let failed = 0;
  const firstError: string[] = [];
  const started = performance.now();
  let lastReport = started;
  async function client() {
    while (next < COUNT) {
      const from = next;
      next = Math.min(COUNT, next + BATCH);
      const interactions = Array.from({ length: next - from }, (_, k) => chatRequest(from + k, agents));
      const sent = performance.now();
      const response = await fetch(`${server.url}/api/v1/interactions/batch`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ interactions }),
      });
      latencies.push(performance.now() - sent);
      if (!response.ok) throw new Error(`batch answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      const result = (await response.json()) as BatchResult;
      created += result.created;
      failed += result.failed;
      if (result.failed && firstError.length === 0) firstError.push(JSON.stringify(result.results.find((item) => item.error)));
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        log(`    ${created + failed}/${COUNT} · ${(((created + failed) / (now - started)) * 1000).toFixed(0)}/s · server RSS ${samplers.server?.samples.at(-1)?.rssMb.toFixed(0)} MB`);
      }
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  for (const sampler of Object.values(samplers)) sampler.stop();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(0);
  return {
    count: COUNT,
    created,
    failed,
    firstError: firstError[0],
    seconds,
    rate: COUNT / seconds,
    batchLatencyMs: { p50: pct(0.5), p95: pct(0.95), max: pct(1) },
    rss: Object.fromEntries(Object.entries(samplers).map(([name, s]) => [name, { start: s.first, peak: s.peak, timeline: s.timeline(Math.max(5, seconds / 12)) }])),
  };
}

// ---------------------------------------------------------------- (b) recording

/** A valid 8 kHz 16-bit stereo PCM WAV of `bytes` bytes, streamed to disk (quiet noise, so peaks are not flat). */
async function writeWav(file: string, bytes: number) {
  const channels = 2;
  const sampleRate = 8000;
  const dataBytes = bytes - 44 - ((bytes - 44) % 4);
  const header = pcm16WavHeader({ channels, sampleRate, dataBytes });
  const chunk = Buffer.alloc(4 * MiB);
  for (let i = 0; i < chunk.length; i += 2) chunk.writeInt16LE(Math.round((Math.random() - 0.5) * 2000), i);
  const out = createWriteStream(file);
  out.write(header);
  for (let written = 0; written < dataBytes; written += chunk.length) {
    const piece = written + chunk.length <= dataBytes ? chunk : chunk.subarray(0, dataBytes - written);
    if (!out.write(piece)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { size: 44 + dataBytes, durationMs: Math.round((dataBytes / (channels * 2 * sampleRate)) * 1000) };
}

async function api<T>(server: AppServer, token: string, method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${server.url}/api/v1${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return { status: response.status, json };
}

async function benchRecording(server: AppServer, token: string, agent: string, dir: string, pids: Record<string, number>) {
  const file = path.join(dir, "bench-recording.wav");
  log(`(b) writing a ${RECORDING_MB} MB WAV to ${file}…`);
  const wav = await writeWav(file, RECORDING_MB * MiB);
  log(`    uploading it: POST /uploads → multipart presigned PUTs from disk → POST /interactions`);
  const samplers = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, new RssSampler(pid)]));
  const started = performance.now();
  const plan = await api<UploadPlanJson>(server, token, "POST", "/uploads", { fileName: "bench-recording.wav", contentType: "audio/wav", size: wav.size });
  let sent = 0;
  let lastReport = started;
  const parts = await uploadRecording(plan.json, file, wav.size, (bytes) => {
    sent += bytes;
    const now = performance.now();
    if (now - lastReport > 5000) {
      lastReport = now;
      log(`    ${(sent / MiB).toFixed(0)}/${(wav.size / MiB).toFixed(0)} MB · server RSS ${samplers.server?.samples.at(-1)?.rssMb.toFixed(0)} MB`);
    }
  });
  const uploaded = performance.now();
  const seconds = Math.floor(wav.durationMs / 1000);
  const vtt = `WEBVTT\n\n00:00.000 --> ${new Date(seconds * 1000).toISOString().slice(11, 23)}\n<v Agent>Thanks for calling.\n`;
  const imported = await api<{ id: string; status: string }>(server, token, "POST", "/interactions", {
    source: "bench",
    externalId: `recording-${randomBytes(4).toString("hex")}`,
    agent,
    startedAt: "2026-02-01T09:00:00Z",
    transcript: { fileName: "bench-recording.vtt", content: vtt },
    recording: { uploadId: plan.json.uploadId, ...(parts ? { parts } : {}) },
  });
  const finished = performance.now();
  for (const sampler of Object.values(samplers)) sampler.stop();
  await fs.rm(file, { force: true });
  const totalSeconds = (finished - started) / 1000;
  return {
    id: imported.json.id,
    status: imported.json.status,
    sizeMb: wav.size / MiB,
    parts: parts?.length ?? 1,
    partSizeMb: (plan.json.multipart?.partSize ?? wav.size) / MiB,
    uploadSeconds: (uploaded - started) / 1000,
    finishSeconds: (finished - uploaded) / 1000,
    throughputMbPerS: wav.size / MiB / totalSeconds,
    rss: Object.fromEntries(Object.entries(samplers).map(([name, s]) => [name, { start: s.first, peak: s.peak, timeline: s.timeline(Math.max(2, totalSeconds / 15)) }])),
  };
}

// ---------------------------------------------------------------- (c) waveform job

async function benchPeaks(server: AppServer, token: string, interactionId: string, envVars: Record<string, string>, dataDir: string) {
  log("(c) the waveform job for that recording, in a separate worker process (npm run worker)");
  const worker = spawn(process.execPath, ["--enable-source-maps", WORKER_ENTRY], {
    env: { ...process.env, NODE_ENV: "production", PARLEY_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...envVars },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const sampler = new RssSampler(worker.pid ?? 0);
  const started = performance.now();
  let status = "processing";
  let failureReason: string | null = null;
  let durationMs = 0;
  while (status === "processing" && worker.exitCode === null && performance.now() - started < 30 * 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const detail = await api<{ status: string; failureReason: string | null; durationMs: number }>(server, token, "GET", `/interactions/${interactionId}`);
    status = detail.json.status;
    failureReason = detail.json.failureReason;
    durationMs = detail.json.durationMs;
  }
  const seconds = (performance.now() - started) / 1000;
  sampler.stop();
  if (worker.exitCode === null) {
    worker.kill("SIGTERM");
    await once(worker, "exit");
  } else if (status === "processing") {
    throw new Error(`the worker exited with ${worker.exitCode} before the job finished`);
  }
  return { status, failureReason, audioHours: durationMs / 3_600_000, seconds, rss: { start: sampler.first, peak: sampler.peak, timeline: sampler.timeline(Math.max(2, seconds / 15)) } };
}

// ---------------------------------------------------------------- main

/** 1/5/15-minute load averages: other work on the machine skews every number here. */
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-bench-"));
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
  log(`PostgreSQL: ${process.env.DATABASE_URL ? "DATABASE_URL's server" : "embedded"}, fresh database ${database}`);
  const { token, agents } = await seed(databaseUrl);

  const serverEnv: Record<string, string> = { DATABASE_URL: databaseUrl };
  let s3Pid: number | null = null;
  if (EXTERNAL_S3) {
    // s3rver in a process of its own, so the server's RSS is the app's alone.
    const s3 = await startS3Process(path.join(dir, "s3"));
    cleanups.unshift(() => s3.stop());
    s3Pid = s3.pid;
    Object.assign(serverEnv, { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey });
  }
  const dataDir = path.join(dir, "data");
  const server = await startAppServer({
    // The waveform job of the big recording is measured on its own in (c).
    env: { JOBS_IN_PROCESS: "false", ...serverEnv },
    dataDir,
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
  });
  cleanups.unshift(() => server.stop());
  const pids: Record<string, number> = { server: server.process.pid ?? 0 };
  if (s3Pid) pids.s3rver = s3Pid;
  log(`server: ${server.url} (pid ${pids.server}), S3: ${s3Pid ? `s3rver in its own process (pid ${s3Pid})` : "embedded s3rver inside the server process"}`);

  const results: Record<string, unknown> = { machine: machine(), s3: EXTERNAL_S3 ? "external" : "embedded" };
  if (COUNT > 0) {
    const batch = await benchBatch(server, token, agents, pids);
    results.batch = batch;
    log(`(a) ${batch.created} created, ${batch.failed} failed in ${batch.seconds.toFixed(1)} s = ${batch.rate.toFixed(0)} interactions/s (load average ${loadAverage()})`);
    log(`    batch latency p50 ${batch.batchLatencyMs.p50} ms, p95 ${batch.batchLatencyMs.p95} ms; RSS ${JSON.stringify(batch.rss)}`);
    if (batch.firstError) log(`    first failure: ${batch.firstError}`);
  }
  if (RECORDING_MB > 0) {
    const recording = await benchRecording(server, token, agents[0] as string, dir, pids);
    results.recording = recording;
    log(`(b) load average ${loadAverage()}`);
    log(`(b) ${recording.sizeMb.toFixed(0)} MB in ${recording.parts} parts of ${recording.partSizeMb} MB: upload ${recording.uploadSeconds.toFixed(1)} s, finish ${recording.finishSeconds.toFixed(1)} s, ${recording.throughputMbPerS.toFixed(0)} MB/s`);
    log(`    RSS ${JSON.stringify(recording.rss)}`);
    if (PEAKS) {
      const peaks = await benchPeaks(server, token, recording.id, serverEnv, dataDir);
      results.peaks = peaks;
      log(`(c) waveform job: ${peaks.status}${peaks.failureReason ? ` (${peaks.failureReason})` : ""} after ${peaks.seconds.toFixed(0)} s for ${peaks.audioHours.toFixed(1)} h of audio; worker RSS ${JSON.stringify(peaks.rss)}`);
    }
  }
  console.log(JSON.stringify(results, null, 2));
} catch (error) {
  console.error("[bench] failed:", error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error("[bench] clean-up:", error));
  if (process.env.BENCH_KEEP !== "1") await fs.rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
