/**
 * Background jobs end to end: enqueued through graphile-worker on the app's own
 * pool, run by a real worker with the real task list, against real PostgreSQL and S3.
 */
import { randomUUID } from "node:crypto";
import { Logger, parseCrontab, quickAddJob, runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { db, pgPool } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { createSession, loadSession } from "../../app/modules/auth/session.server";
import { listObjectKeys, seedInteraction, seedUser } from "../../test/factories";
import { interactionPrefix, peaksKey, recordingKey, sourceKey, transcriptKey } from "../../storage/keys";
import { crontab, taskList } from "./task-list";

const silent = new Logger(() => () => {});

async function runJob(identifier: string, payload: unknown = {}) {
  await quickAddJob({ pgPool: pgPool(), logger: silent }, identifier, payload);
  await runOnce({ pgPool: pgPool(), taskList, logger: silent, noHandleSignals: true });
  // A task that throws is kept for retry with its error; none may be left behind.
  const { rows } = await pgPool().query<{ task_identifier: string; last_error: string | null }>(
    "select task_identifier, last_error from graphile_worker.jobs",
  );
  expect(rows).toEqual([]);
}

/** Objects an upload wrote before it crashed, and the intent it committed first. */
async function abandonedUpload(minutesAgo: number) {
  const id = randomUUID();
  const keys = [recordingKey(id, "wav"), transcriptKey(id), sourceKey(id, "call.vtt")];
  for (const key of keys) await blobStore().put(key, `bytes of ${key}`, { contentType: "application/octet-stream" });
  await db()
    .insertInto("storage_intents")
    .values({ prefix: interactionPrefix(id), created_at: new Date(Date.now() - minutesAgo * 60_000) })
    .execute();
  return { prefix: interactionPrefix(id), keys: keys.sort() };
}

const intentExists = async (prefix: string) =>
  (await db().selectFrom("storage_intents").select("id").where("prefix", "=", prefix).executeTakeFirst()) !== undefined;

describe("sweep_orphan_objects job", () => {
  it("deletes objects of uploads that never committed, and only those past the grace period", async () => {
    const agent = await seedUser("agent");
    const committed = await seedInteraction(agent.id, { withAudio: true });
    const committedKeys = await listObjectKeys(interactionPrefix(committed.id));
    expect(committedKeys).toHaveLength(2);

    const old = await abandonedUpload(120);
    const older = await abandonedUpload(24 * 60);
    const fresh = await abandonedUpload(1);

    await runJob("sweep_orphan_objects");

    expect(await listObjectKeys(old.prefix)).toEqual([]);
    expect(await listObjectKeys(older.prefix)).toEqual([]);
    expect(await intentExists(old.prefix)).toBe(false);
    expect(await intentExists(older.prefix)).toBe(false);

    // An intent a minute old may belong to an ingest still uploading.
    expect(await listObjectKeys(fresh.prefix)).toEqual(fresh.keys);
    expect(await intentExists(fresh.prefix)).toBe(true);

    // The committed call keeps its objects (and gains its waveform from the queued peaks job).
    expect(await listObjectKeys(interactionPrefix(committed.id))).toEqual([...committedKeys, peaksKey(committed.id)].sort());
    const row = await db().selectFrom("interactions").select("id").where("id", "=", committed.id).executeTakeFirst();
    expect(row?.id).toBe(committed.id);
  });

  it("honours a shorter grace period given in the payload", async () => {
    const recent = await abandonedUpload(10);
    await runJob("sweep_orphan_objects", { graceMinutes: 5 });
    expect(await listObjectKeys(recent.prefix)).toEqual([]);
    expect(await intentExists(recent.prefix)).toBe(false);
  });

  it("clears an intent whose objects are already gone", async () => {
    const id = randomUUID();
    await db()
      .insertInto("storage_intents")
      .values({ prefix: interactionPrefix(id), created_at: new Date(Date.now() - 3 * 3600_000) })
      .execute();
    await runJob("sweep_orphan_objects");
    expect(await intentExists(interactionPrefix(id))).toBe(false);
  });
});

describe("delete_expired_sessions job", () => {
  it("deletes expired sessions and keeps live ones", async () => {
    const [expired, live] = [await seedUser("qa"), await seedUser("qa")];
    await createSession(db(), { userId: expired.id, ttlHours: 1 });
    const liveSession = await createSession(db(), { userId: live.id, ttlHours: 1 });
    await db()
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", expired.id)
      .execute();

    await runJob("delete_expired_sessions");

    expect(await db().selectFrom("sessions").select("user_id").where("user_id", "=", expired.id).execute()).toEqual([]);
    expect(await loadSession(db(), liveSession.token)).not.toBeNull();
  });
});

describe("crontab", () => {
  it("schedules only tasks that exist, and each runs with the payload cron gives it", async () => {
    const items = parseCrontab(crontab);
    expect(items.map((item) => item.task).sort()).toEqual(["delete_expired_sessions", "notify_acknowledgements_due", "notify_coaching_due", "notify_overdue_disputes", "repair_sampling_schedules", "sweep_orphan_objects"]);
    for (const item of items) {
      expect(Object.keys(taskList)).toContain(item.task);
      // graphile-worker adds `_cron` to a scheduled job's payload.
      await runJob(item.task, { ...(item.payload ?? {}), _cron: { ts: new Date().toISOString(), backfilled: false } });
    }
  });
});
