import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { interactionPrefix, recordingKey, transcriptKey } from "../../../storage/keys";
import { db } from "../../lib/db.server";
import { blobStore } from "../../lib/storage.server";
import { listObjectKeys, seedUser } from "../../../test/factories";
import { startRecordingUpload } from "../interactions/recording-upload.server";
import { sweepOrphanObjects } from "./sweep-orphan-objects.server";

async function abandonedUploads(count: number, minutesAgo = 120): Promise<string[]> {
  const prefixes: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    await blobStore().put(recordingKey(id, "wav"), "audio", { contentType: "audio/wav" });
    await blobStore().put(transcriptKey(id), "{}", { contentType: "application/json" });
    await db()
      .insertInto("storage_intents")
      .values({ prefix: interactionPrefix(id), created_at: new Date(Date.now() - minutesAgo * 60_000 - i) })
      .execute();
    prefixes.push(interactionPrefix(id));
  }
  return prefixes;
}

async function expectSwept(prefixes: string[]) {
  for (const prefix of prefixes) expect(await listObjectKeys(prefix)).toEqual([]);
  const left = await db().selectFrom("storage_intents").select("prefix").where("prefix", "in", prefixes).execute();
  expect(left).toEqual([]);
}

describe("sweepOrphanObjects", () => {
  it("sweeps every expired upload, however many batches it takes, and reports the counts", async () => {
    const prefixes = await abandonedUploads(5);
    const result = await sweepOrphanObjects(db(), blobStore(), { batchSize: 2 });
    expect(result).toEqual({ intents: 5, objectsDeleted: 10 });
    await expectSwept(prefixes);
  });

  it("lets two workers sweep at once without either failing or sweeping an upload twice", async () => {
    const prefixes = await abandonedUploads(6);
    const results = await Promise.all([
      sweepOrphanObjects(db(), blobStore(), { batchSize: 1 }),
      sweepOrphanObjects(db(), blobStore(), { batchSize: 1 }),
    ]);
    expect(results.reduce((sum, r) => sum + r.intents, 0)).toBe(6);
    expect(results.reduce((sum, r) => sum + r.objectsDeleted, 0)).toBe(12);
    await expectSwept(prefixes);
  });

  it("does nothing when every intent is within the grace period", async () => {
    const fresh = await abandonedUploads(2, 5);
    expect(await sweepOrphanObjects(db(), blobStore())).toEqual({ intents: 0, objectsDeleted: 0 });
    for (const prefix of fresh) expect(await listObjectKeys(prefix)).toHaveLength(2);
    const kept = await db().selectFrom("storage_intents").select("prefix").where("prefix", "in", fresh).execute();
    expect(kept).toHaveLength(2);
    await db().deleteFrom("storage_intents").where("prefix", "in", fresh).execute();
  });
});

describe("sweepOrphanObjects and browser/API uploads", () => {
  it("keeps an upload started by a person while its presigned URLs may still be in use, and sweeps it after", async () => {
    const lead = await seedUser("qa_lead");
    const plan = await startRecordingUpload(db(), blobStore(), { userId: lead.id, fileName: "a.wav", contentType: "audio/wav", size: 10, maxBytes: 100 });
    await blobStore().put(plan.key, "0123456789", { contentType: "audio/wav" });
    const age = (minutes: number) =>
      db().updateTable("storage_intents").set({ created_at: new Date(Date.now() - minutes * 60_000) }).where("interaction_id", "=", plan.uploadId).execute();

    await age(120);
    await sweepOrphanObjects(db(), blobStore());
    expect(await listObjectKeys(interactionPrefix(plan.uploadId))).toEqual([plan.key]);

    await age(8 * 60);
    await sweepOrphanObjects(db(), blobStore());
    await expectSwept([interactionPrefix(plan.uploadId)]);
  });
});
