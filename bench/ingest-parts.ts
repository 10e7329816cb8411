/**
 * `npx tsx bench/ingest-parts.ts` — where the time of a bulk import goes
 * (docs/benchmarks.md, "Why"). Three probes, each in this process only:
 *   1. storage: small PutObjects through the app's blob store to s3rver in a child
 *      process: PUT/s, and the app-side CPU per PUT (the AWS SDK's share);
 *   2. the import use case with storage writes stubbed out: interactions/s and CPU
 *      per item of the database part alone;
 *   3. the same rows written multi-row (one duplicate check, one insert per 250):
 *      what a batch fast path could do when storage is not in the way.
 * Numbers are printed; nothing here is a test. PROBE_COUNT (default 4000) per probe.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mapLimit } from "../app/modules/api/map-limit";
import { importInteraction } from "../app/modules/interactions/import-interaction.server";
import { importTranscript } from "../app/modules/transcripts/index";
import { transcriptPlainText } from "../app/modules/transcripts/transcript";
import type { BlobStore } from "../app/lib/storage.server";
import { createUser } from "../app/modules/users/create-user.server";
import { createDb, createPool } from "../db/client";
import { installJobQueue } from "../db/job-queue";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { createBlobStore } from "../storage/blob-store";
import { seedData } from "../app/modules/access/actor";

const COUNT = Number(process.env.PROBE_COUNT ?? 4000);
const start = new Date("2026-01-01T00:00:00Z");
const chat = JSON.stringify({
  messages: [
    { created_at: start.toISOString(), role: "customer", author: "Customer", text: "Hello, my order has not arrived yet." },
    { created_at: new Date(start.getTime() + 35_000).toISOString(), role: "agent", author: "Agent", text: "Sorry to hear that. Let me check." },
  ],
});

async function measure(label: string, count: number, work: () => Promise<unknown>) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label}: ${count} in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(0)}/s; CPU in this process ${((cpu.user + cpu.system) / 1000 / count).toFixed(3)} ms each (load average ${os.loadavg()[0]?.toFixed(1)})`);
}

// 1. storage
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-probe-"));
const s3 = spawn(process.execPath, ["--import", "tsx", "bench/s3-server.ts", path.join(dir, "s3"), "parley"], { stdio: ["ignore", "pipe", "inherit"] });
const [line] = (await once(s3.stdout, "data")) as [Buffer];
const { endpoint } = JSON.parse(line.toString()) as { endpoint: string };
const store = createBlobStore({ endpoint, region: "us-east-1", bucket: "parley", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
const body = JSON.stringify({ text: "x".repeat(600) });
await measure("1. PutObject of 600 B to s3rver (own process), 16 in flight", COUNT, () =>
  mapLimit(Array.from({ length: COUNT }, (_, i) => i), 16, (i) => store.put(`interactions/${randomUUID()}/t${i}.json`, body, { contentType: "application/json" })),
);
store.destroy();
s3.kill("SIGTERM");
await once(s3, "exit");

// 2 and 3: PostgreSQL only
const pg = await startScratchServer();
const database = uniqueDatabaseName("parley_probe");
const pool = createPool({ connectionString: await createDatabase(pg.serverUrl, database), max: 10 });
const db = createDb({ pool });
try {
  await migrateToLatest(db);
  await installJobQueue(pool);
  const admin = await createUser(db, seedData, { name: "Probe", email: "probe@bench.test", role: "admin", teamIds: [], password: "correct horse battery" });
  const agent = await createUser(db, seedData, { name: "Agent", email: "agent@bench.test", role: "agent", teamIds: [], password: "correct horse battery" });
  const noStorage = { put: () => Promise.resolve(), deletePrefix: () => Promise.resolve(0) } as unknown as BlobStore;
  const viewer = { id: admin.id, name: "Probe", email: "probe@bench.test", role: "admin" as const, teamIds: [] };
  await measure("2. importInteraction, storage stubbed out, 8 in flight", COUNT, () =>
    mapLimit(Array.from({ length: COUNT }, (_, i) => i), 8, (i) =>
      importInteraction(db, noStorage, viewer, { source: "probe", externalId: `single-${i}`, agent: "agent@bench.test", startedAt: start.toISOString(), tags: [], metadata: {}, transcript: { fileName: "c.json", content: chat } }, { maxTranscriptBytes: 1e7 }),
    ),
  );
  const batches = Math.ceil(COUNT / 250);
  await measure("3. multi-row writes per 250 (no storage), 4 batches in flight", batches * 250, () =>
    mapLimit(Array.from({ length: batches }, (_, b) => b), 4, async (b) => {
      const items = Array.from({ length: 250 }, (_, k) => ({ externalId: `multi-${b * 250 + k}`, ...importTranscript("c.json", chat) }));
      const existing = await db.selectFrom("interactions").select("external_id").where("source", "=", "probe").where("external_id", "in", items.map((item) => item.externalId)).execute();
      const known = new Set(existing.map((row) => row.external_id));
      const rows = items
        .filter((item) => !known.has(item.externalId))
        .map((item) => ({ id: randomUUID(), channel: "chat", source: "probe", external_id: item.externalId, agent_id: agent.id, started_at: start, duration_ms: 35_000, metadata: "{}", status: "ready", transcript_text: transcriptPlainText(item.transcript) }));
      await db.insertInto("storage_intents").values(rows.map((row) => ({ prefix: `interactions/${row.id}/`, interaction_id: row.id }))).execute();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("interactions").values(rows).execute();
        await trx.deleteFrom("storage_intents").where("interaction_id", "in", rows.map((row) => row.id)).execute();
      });
    }),
  );
} finally {
  await db.destroy();
  await dropDatabase(pg.serverUrl, database);
  await pg.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
