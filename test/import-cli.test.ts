/**
 * The bulk import (`npm run import`, scripts/import/) against real PostgreSQL and S3:
 * a folder of the project's own fixtures is imported, stopped part-way, resumed from
 * the state file without duplicates, and re-imported from scratch as duplicates; a
 * manifest reports its bad rows by field; the real command stops cleanly on Ctrl-C.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../app/lib/db.server";
import { blobStore } from "../app/lib/storage.server";
import { fixture } from "../app/modules/transcripts/test-fixtures";
import { createApiToken } from "../app/modules/api-tokens/create-api-token.server";
import * as interactionRoute from "../app/routes/api.v1.interactions";
import * as detailRoute from "../app/routes/api.v1.interactions.$id";
import * as uploadsRoute from "../app/routes/api.v1.uploads";
import { getConfig } from "../server/config";
import { parseArgs, UsageError } from "../scripts/import/args";
import { createDirectSink } from "../scripts/import/direct-sink";
import { createProgress } from "../scripts/import/progress";
import { planImport, STATE_FILE } from "../scripts/import/plan";
import { exitCodeOf, formatSummary, runImport, type RunOptions } from "../scripts/import/run-import";
import { ImportState } from "../scripts/import/state";
import { seedUser, testWav } from "./factories";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await fs.rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-import-test-"));
  temps.push(dir);
  return dir;
}

const meta = (agent: string, minutes: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ agent, startedAt: new Date(Date.UTC(2026, 2, 1, 9, minutes)).toISOString(), ...extra });

/** A folder as a call recorder or chat export would leave it, from the importers' fixtures. */
async function exportFolder(agentEmail: string): Promise<string> {
  const dir = await tempDir();
  const write = (name: string, body: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
  };
  write("call-1.vtt", fixture("call.vtt"));
  write("call-1.wav", testWav({ seconds: 1 }));
  write("call-1.meta.json", meta(agentEmail, 1, { direction: "inbound", tags: ["billing"] }));
  write("call-2.srt", fixture("call.srt"));
  write("call-2.meta.json", meta(agentEmail, 2));
  write("chat-3.json", fixture("chat.json"));
  write("chat-3.meta.json", meta(agentEmail, 3, { externalId: "web-58213", queue: "Web chat" }));
  write("2026-03/call-4.vtt", fixture("call.vtt"));
  write("2026-03/call-4.meta.json", meta(agentEmail, 4));
  write("call-5.vtt", fixture("call.vtt")); // no metadata: no agent, no start time
  write("orphan.wav", testWav());
  write("notes.md", "exported by the recorder");
  return dir;
}

async function importerOf() {
  const admin = await seedUser("admin");
  const agent = await seedUser("agent");
  const sink = createDirectSink(db(), blobStore(), admin, { maxTranscriptBytes: 50 * 1024 * 1024, maxRecordingBytes: 100 * 1024 * 1024 });
  return { admin, agent, sink };
}

async function interactionsOf(source: string) {
  return db().selectFrom("interactions").select(["external_id", "channel", "recording_key"]).where("source", "=", source).orderBy("external_id").execute();
}

describe("bulk import of a folder", () => {
  it("stops after N items, resumes from the state file, and re-imports as duplicates", async () => {
    const { agent, sink } = await importerOf();
    const dir = await exportFolder(agent.email);
    const source = `test-${randomBytes(3).toString("hex")}`;
    const plan = await planImport(dir);
    expect(plan.items.map((item) => item.label)).toEqual(["2026-03/call-4", "call-1", "call-2", "call-5", "chat-3", "orphan"]);
    expect(plan.ignored).toEqual(["notes.md"]);
    expect(plan.statePath).toBe(path.join(dir, STATE_FILE));
    const options: RunOptions = { source, concurrency: 2 };

    // First run: stopped after two items, as an interruption would.
    const first = await runImport(plan, sink, await ImportState.load(plan.statePath), { ...options, stopAfter: 2 });
    expect(first).toMatchObject({ created: 2, duplicates: 0, skipped: 0, failed: 0, stopped: "stop-after", remaining: 4 });
    const saved = JSON.parse(readFileSync(plan.statePath, "utf8")) as { done: Record<string, Record<string, unknown>> };
    expect(Object.keys(saved.done[source] ?? {}).sort()).toEqual(["2026-03/call-4", "call-1"]);
    expect(await interactionsOf(source)).toHaveLength(2);

    // Resumed: the two are skipped without being read, the rest imported or reported.
    const second = await runImport(plan, sink, await ImportState.load(plan.statePath), options);
    expect(second).toMatchObject({ created: 2, duplicates: 0, skipped: 2, failed: 2, stopped: null, remaining: 0, recordings: 0 });
    expect(second.failures).toEqual([
      { label: "call-5", reason: expect.stringMatching(/^agent: agent is required.*startedAt: /) as string },
      { label: "orphan", reason: "orphan.wav has no transcript beside it (orphan.vtt, .srt, .json or .csv)" },
    ]);
    expect(exitCodeOf(second)).toBe(1);
    const rows = await interactionsOf(source);
    expect(rows.map((row) => [row.external_id, row.channel, Boolean(row.recording_key)])).toEqual([
      ["2026-03/call-4", "call", false],
      ["call-1", "call", true],
      ["call-2", "call", false],
      ["web-58213", "chat", false],
    ]);
    const summary = formatSummary(second, plan.statePath);
    expect(summary).toContain("  skipped     2  done in an earlier run (.parley-import-state.json)");
    expect(summary).toContain("  orphan: orphan.wav has no transcript beside it");

    // A run that forgot its state: everything already imported comes back as a duplicate.
    const third = await runImport(plan, sink, await ImportState.load(plan.statePath, { fresh: true }), options);
    expect(third).toMatchObject({ created: 0, duplicates: 4, skipped: 0, failed: 2 });
    expect(await interactionsOf(source)).toHaveLength(4);
    // The recording uploaded again for call-1 was discarded, not left in storage.
    expect(await db().selectFrom("storage_intents").select("id").execute()).toEqual([]);
  });

  it("imports a manifest and names each bad row's field", async () => {
    const { agent, sink } = await importerOf();
    const dir = await tempDir();
    writeFileSync(path.join(dir, "a.vtt"), fixture("call.vtt"));
    writeFileSync(path.join(dir, "a.wav"), testWav());
    writeFileSync(path.join(dir, "b.json"), fixture("chat.json"));
    // A Windows export in UTF-16 without a byte-order mark.
    const utf16 = Buffer.from("time,speaker,text\n2026-03-01T09:25:00Z,customer,Grüße aus Köln\n2026-03-01T09:25:30Z,agent,Hallo!\n", "utf16le");
    writeFileSync(path.join(dir, "f.csv"), utf16);
    const source = `manifest-${randomBytes(3).toString("hex")}`;
    const rows = [
      { externalId: "a", agent: agent.email, startedAt: "2026-03-01T09:00:00Z", transcriptFile: "a.vtt", recordingFile: "a.wav" },
      { externalId: "b", agent: agent.email, startedAt: "2026-03-01T09:05:00Z", transcriptFile: "b.json", transcript: { format: "chat-json" } },
      { externalId: "c", agent: agent.email, startedAt: "2026-03-01T09:10:00Z", direction: "sideways", transcriptFile: "a.vtt" },
      { externalId: "d", agent: agent.email, startedAt: "2026-03-01T09:15:00Z", transcriptFile: "missing.vtt" },
      { externalId: "e", agent: "nobody@example.test", startedAt: "2026-03-01T09:20:00Z", transcriptFile: "a.vtt" },
      { externalId: "f", agent: agent.email, startedAt: "2026-03-01T09:25:00Z", transcriptFile: "f.csv" },
    ];
    const manifest = path.join(dir, "export.jsonl");
    writeFileSync(manifest, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n{not json\n`);

    const plan = await planImport(manifest);
    const summary = await runImport(plan, sink, await ImportState.load(plan.statePath), { source, concurrency: 3 });
    expect(summary).toMatchObject({ total: 7, created: 3, failed: 4, recordings: 1 });
    expect(summary.failures.sort((x, y) => x.label.localeCompare(y.label))).toEqual([
      { label: "export.jsonl line 3 (c)", reason: expect.stringMatching(/^direction: /) as string },
      { label: "export.jsonl line 4 (d)", reason: "transcriptFile missing.vtt does not exist" },
      {
        label: "export.jsonl line 5 (e)",
        reason: 'No agent account matches "nobody@example.test". Use the agent\'s email as it is in Parley. (agent: Unknown agent)',
      },
      { label: "export.jsonl line 7", reason: expect.stringMatching(/^not valid JSON: /) as string },
    ]);
    expect((await interactionsOf(source)).map((row) => [row.external_id, row.channel])).toEqual([
      ["a", "call"],
      ["b", "chat"],
      ["f", "chat"],
    ]);
    // The UTF-16 file was read as such, and kept under source/ byte for byte.
    const f = await db().selectFrom("interactions").select(["id", "transcript_text"]).where("source", "=", source).where("external_id", "=", "f").executeTakeFirstOrThrow();
    expect(f.transcript_text).toBe("Grüße aus Köln\nHallo!");
    expect(await blobStore().get(`interactions/${f.id}/source/f.csv`)).toEqual(utf16);
  });
});

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> | Response;

/** A stand-in for the server's routing of /api/v1 to the route modules, so the command talks HTTP to the real API code. */
async function apiServer(): Promise<{ url: string; close(): Promise<void> }> {
  const routes: [RegExp, { loader?: Handler; action?: Handler }][] = [
    [/^\/api\/v1\/uploads$/, uploadsRoute as never],
    [/^\/api\/v1\/interactions$/, interactionRoute as never],
    [/^\/api\/v1\/interactions\/(?<id>[^/]+)$/, detailRoute as never],
  ];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const match = routes.map(([pattern, module]) => ({ found: pattern.exec(url.pathname), module })).find((route) => route.found);
        const handler = req.method === "GET" ? match?.module.loader : match?.module.action;
        if (!match || !handler) {
          res.writeHead(404).end();
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const request = new Request(url, { method: req.method, headers, body: req.method === "GET" ? undefined : body });
        const response = await handler({ request, params: { ...match.found?.groups }, context: {} });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("npm run import (the command)", () => {
  function runCli(args: string[]) {
    const config = getConfig();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import/cli.ts", ...args], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: config.DATABASE_URL,
        S3_ENDPOINT: config.S3_ENDPOINT,
        S3_ACCESS_KEY_ID: config.S3_ACCESS_KEY_ID,
        S3_SECRET_ACCESS_KEY: config.S3_SECRET_ACCESS_KEY,
        S3_BUCKET: config.S3_BUCKET,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, "exit").then(([code]) => code as number);
    return { child, exited, output: () => output };
  }

  it("stops cleanly on Ctrl-C, keeps its state, and finishes on the next run without duplicates", async () => {
    const admin = await seedUser("admin");
    const agent = await seedUser("agent");
    const dir = await tempDir();
    const count = 80;
    for (let i = 0; i < count; i++) {
      writeFileSync(path.join(dir, `chat-${i}.json`), fixture("chat.json"));
      writeFileSync(path.join(dir, `chat-${i}.meta.json`), meta(agent.email, i % 60));
    }
    const source = `cli-${randomBytes(3).toString("hex")}`;
    const args = [dir, "--source", source, "--concurrency", "1", "--as", admin.email];

    const first = runCli(args);
    first.child.stdout.once("data", () => first.child.kill("SIGINT"));
    expect(await first.exited).toBe(130);
    expect(first.output()).toMatch(/Stopping after the imports in flight/);
    expect(first.output()).toMatch(/^Stopped after /m);
    const saved = JSON.parse(readFileSync(path.join(dir, STATE_FILE), "utf8")) as { done: Record<string, Record<string, unknown>> };
    const done = Object.keys(saved.done[source] ?? {}).length;
    expect(done).toBeLessThan(count);
    // The state holds exactly what was imported: nothing in flight was lost or left unrecorded.
    expect(await interactionsOf(source)).toHaveLength(done);

    const second = runCli(args);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(new RegExp(`created +${count - done}\\b`));
    expect(second.output()).toMatch(new RegExp(`skipped +${done}\\b`));
    expect(second.output()).toMatch(/duplicates +0\b/);
    const rows = await interactionsOf(source);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.external_id)).size).toBe(count);
    // Two CLI processes, each compiled by tsx on start: on a loaded 2-core machine that alone
    // took most of a minute, so the guard is generous (it catches a hang, not slowness).
  }, 180_000);

  it("imports through the REST API with --api-url, recordings by presigned upload", async () => {
    const admin = await seedUser("admin");
    const agent = await seedUser("agent");
    const { token } = await createApiToken(db(), admin, "cli test");
    const api = await apiServer();
    try {
      const dir = await tempDir();
      writeFileSync(path.join(dir, "call-1.vtt"), fixture("call.vtt"));
      writeFileSync(path.join(dir, "call-1.wav"), testWav({ seconds: 2 }));
      writeFileSync(path.join(dir, "call-1.meta.json"), meta(agent.email, 1));
      writeFileSync(path.join(dir, "chat-2.json"), fixture("chat.json"));
      writeFileSync(path.join(dir, "chat-2.meta.json"), meta(agent.email, 2));
      const source = `api-${randomBytes(3).toString("hex")}`;

      const first = runCli([dir, "--api-url", `${api.url}/api/v1`, "--token", token, "--source", source]);
      expect(await first.exited, first.output()).toBe(0);
      expect(first.output()).toMatch(/created +2\b/);
      expect(first.output()).toMatch(/1 recording\(s\) are queued for waveform processing/);
      const rows = await interactionsOf(source);
      expect(rows.map((row) => [row.external_id, Boolean(row.recording_key)])).toEqual([
        ["call-1", true],
        ["chat-2", false],
      ]);

      const again = runCli([dir, "--api-url", api.url, "--token", token, "--source", source, "--fresh"]);
      expect(await again.exited).toBe(0);
      expect(again.output()).toMatch(/duplicates +2\b/);

      const refused = runCli([dir, "--api-url", api.url, "--token", "prl_wrong", "--fresh"]);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toMatch(/The API refused the token \(401\): That API token is not valid/);
    } finally {
      await api.close();
    }
  }, 60_000);

  it("explains its usage and refuses --token without --api-url", async () => {
    const run = runCli(["some-folder", "--token", "prl_x"]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/--token is only used with --api-url/);
    expect(run.output()).toMatch(/Usage: npm run import/);
  });
});

describe("import options and progress", () => {
  it("parses options, normalises the API address and refuses contradictions", () => {
    expect(parseArgs(["exports/", "--concurrency=8", "--api-url", "https://qa.example.com/api/v1/", "--token", "prl_x"], {})).toMatchObject({
      target: "exports/",
      concurrency: 8,
      apiUrl: "https://qa.example.com",
      token: "prl_x",
      source: "import",
    });
    expect(parseArgs(["m.jsonl", "--api-url", "http://localhost:3000"], { PARLEY_API_TOKEN: "prl_env" })).toMatchObject({ token: "prl_env" });
    expect(parseArgs(["--help"], {})).toBe("help");
    expect(() => parseArgs([], {})).toThrow(UsageError);
    expect(() => parseArgs(["a", "--api-url", "http://x"], {})).toThrow("--api-url needs --token");
    expect(() => parseArgs(["a", "--concurrency", "0"], {})).toThrow("--concurrency must be a whole number");
    expect(() => parseArgs(["a", "--source", "no spaces"], {})).toThrow("--source");
    expect(() => parseArgs(["a", "--bogus"], {})).toThrow("unknown option --bogus");
  });

  it("draws a bar with rate and ETA on a terminal, and a line every few seconds otherwise", () => {
    let clock = 0;
    const tty: string[] = [];
    const bar = createProgress(100, { isTTY: true, columns: 120, write: (text: string) => tty.push(text) }, { now: () => clock });
    clock = 10_000;
    bar.update({ created: 20, duplicates: 3, skipped: 2, failed: 0 });
    expect(tty.at(-1)).toMatch(/^\r\[#+-+\] 25\/100 · 2\.3\/s · ETA 33s · created 20, duplicates 3, skipped 2, failed 0/);

    const lines: string[] = [];
    const log = createProgress(100, { write: (text: string) => lines.push(text) }, { now: () => clock, lineEveryMs: 5000 });
    clock = 20_000;
    log.update({ created: 1, duplicates: 0, skipped: 0, failed: 0 });
    clock = 21_000;
    log.update({ created: 2, duplicates: 0, skipped: 0, failed: 0 });
    clock = 26_000;
    log.update({ created: 3, duplicates: 0, skipped: 0, failed: 0 });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^3\/100 · 0\.2\/s · ETA 8m37s · /);
  });
});
