/**
 * Ingest against real PostgreSQL and S3 (DESIGN.md "Storage layout"): a row is
 * written only after its objects exist, and a failure leaves neither a row nor
 * stray objects nor a pending storage intent.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { recordingKey, sourceKey, transcriptKey } from "../../../storage/keys";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { blobStore } from "../../lib/storage.server";
import { callTranscript, chatTranscript, countRows, listObjectKeys, seedTeam, seedUser, testWav } from "../../../test/factories";
import { ingestInteraction, type IngestInput } from "./ingest-interaction.server";

const audio = () => testWav();

async function input(overrides: Partial<IngestInput> = {}): Promise<IngestInput> {
  const agentId = overrides.agentId ?? (await seedUser("agent")).id;
  return {
    source: "upload",
    externalId: `call-${randomBytes(4).toString("hex")}`,
    agentId,
    startedAt: new Date("2026-02-01T09:30:00.000Z"),
    durationMs: 9000,
    transcript: callTranscript(),
    ...overrides,
  };
}

/** Everything ingest can leave behind, to compare before and after a refused import. */
async function footprint() {
  return {
    interactions: await countRows("interactions"),
    intents: await countRows("storage_intents"),
    objects: await listObjectKeys(),
  };
}

describe("ingestInteraction", () => {
  it("stores the recording and transcript under the interaction's prefix and then the row pointing at them", async () => {
    const team = await seedTeam();
    const agent = await seedUser("agent", [team.id]);
    const body = audio();
    const result = await ingestInteraction(
      db(),
      blobStore(),
      await input({
        agentId: agent.id,
        recording: { body },
        sourceFile: { name: "C:\\exports\\call 42.vtt", body: Buffer.from("WEBVTT"), contentType: "text/vtt" },
      }),
    );
    expect(result.status).toBe("created");
    const { id } = result;

    expect(await listObjectKeys(`interactions/${id}/`)).toEqual(
      [recordingKey(id, "wav"), sourceKey(id, "call_42.vtt"), transcriptKey(id)].sort(),
    );
    expect(Buffer.compare(await blobStore().get(recordingKey(id, "wav")), body)).toBe(0);
    expect(await blobStore().getJson(transcriptKey(id))).toEqual(callTranscript());
    expect((await blobStore().head(recordingKey(id, "wav")))?.contentType).toBe("audio/wav");

    const row = await db().selectFrom("interactions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: "call",
      agent_id: agent.id,
      team_id: team.id,
      // The waveform job turns it ready; it is queued in the same transaction.
      status: "processing",
      recording_key: recordingKey(id, "wav"),
      recording_content_type: "audio/wav",
      recording_size: body.length,
      recording_channels: 2,
      transcript_key: transcriptKey(id),
      source_key: sourceKey(id, "call_42.vtt"),
    });
    expect(await countRows("storage_intents")).toBe(0);
    const jobs = await sql<{ task_identifier: string; key: string }>`select task_identifier, key from graphile_worker.jobs`.execute(db());
    expect(jobs.rows).toContainEqual({ task_identifier: "compute_peaks", key: `peaks:${id}` });
  });

  it("fills the talk metrics and the search text of a call", async () => {
    const { id } = await ingestInteraction(db(), blobStore(), await input());
    const row = await db().selectFrom("interactions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ agent_talk_ms: 5200, customer_talk_ms: 2500, overtalk_ms: 200, longest_silence_ms: 1000 });
    expect(row.silence_ratio).toBeCloseTo(0.167, 3);
    expect(row.transcript_text).toContain("My internet has been down since this morning.");

    const found = await db()
      .selectFrom("interactions")
      .select("id")
      .where("search_vector", "@@", (eb) => eb.fn("plainto_tsquery", [eb.val("english"), eb.val("internet down")]))
      .execute();
    expect(found.map((r) => r.id)).toContain(id);
  });

  it("leaves the talk metrics empty for a chat", async () => {
    const { id } = await ingestInteraction(db(), blobStore(), await input({ transcript: chatTranscript() }));
    const row = await db().selectFrom("interactions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.channel).toBe("chat");
    expect(row.recording_key).toBeNull();
    expect([row.agent_talk_ms, row.customer_talk_ms, row.silence_ratio, row.longest_silence_ms, row.overtalk_ms]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("streams a recording given as a stream and records its size", async () => {
    const body = audio();
    const { id } = await ingestInteraction(
      db(),
      blobStore(),
      await input({ recording: { body: Readable.from([body]) } }),
    );
    const row = await db().selectFrom("interactions").select(["recording_size"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.recording_size).toBe(body.length);
    expect(Buffer.compare(await blobStore().get(recordingKey(id, "wav")), body)).toBe(0);
  });

  it("answers 'duplicate' with the first id for the same source and external id, writing nothing new", async () => {
    const recording = {} as const;
    const first = await input({ recording: { ...recording, body: audio() } });
    const created = await ingestInteraction(db(), blobStore(), first);
    const before = await footprint();

    const again = await ingestInteraction(db(), blobStore(), { ...first, recording: { ...recording, body: audio() } });
    expect(again).toEqual({ status: "duplicate", id: created.id });
    expect(await footprint()).toEqual(before);
  });

  it("treats the same external id from another source as a different interaction", async () => {
    const first = await input();
    const a = await ingestInteraction(db(), blobStore(), first);
    const b = await ingestInteraction(db(), blobStore(), { ...first, source: "other-system" });
    expect(b.status).toBe("created");
    expect(b.id).not.toBe(a.id);
  });

  it("creates one interaction when the same call is imported twice at once, leaving no stray objects", async () => {
    const same = await input({ recording: { body: audio() } });
    const before = await footprint();
    const results = await Promise.all([ingestInteraction(db(), blobStore(), same), ingestInteraction(db(), blobStore(), same)]);
    expect(results.map((r) => r.status).sort()).toEqual(["created", "duplicate"]);
    expect(results[0].id).toBe(results[1].id);

    const after = await footprint();
    expect(after.interactions).toBe(before.interactions + 1);
    expect(after.intents).toBe(0);
    const id = results[0].id;
    expect(after.objects.filter((key) => !before.objects.includes(key))).toEqual([recordingKey(id, "wav"), transcriptKey(id)]);
  });

  it("refuses an agent id that is not an agent account and writes nothing", async () => {
    const qa = await seedUser("qa");
    const before = await footprint();
    const error = await ingestInteraction(db(), blobStore(), await input({ agentId: qa.id })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 422, fieldErrors: { agentId: "Unknown agent" } });
    expect(await footprint()).toEqual(before);
  });

  it("refuses an agent id that does not exist and writes nothing", async () => {
    const before = await footprint();
    const error = await ingestInteraction(
      db(),
      blobStore(),
      await input({ agentId: "00000000-0000-4000-8000-000000000000" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(await footprint()).toEqual(before);
  });

  it.each([
    // Both fail after the objects were written, while the row is being committed.
    ["the database refuses the row", { direction: "sideways" as "inbound" }],
    ["the metadata cannot be stored", { metadata: { size: 10n } }],
  ])("leaves no row, no pending intent and no objects when %s", async (_what, overrides) => {
    const before = await footprint();
    const attempt = await input({ ...overrides, recording: { body: audio() } });
    await expect(ingestInteraction(db(), blobStore(), attempt)).rejects.toThrow();
    expect(await footprint()).toEqual(before);
    const row = await db()
      .selectFrom("interactions")
      .select("id")
      .where("source", "=", attempt.source)
      .where("external_id", "=", attempt.externalId)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe("ingestInteraction racing the sweep", () => {
  it("records nothing when the sweep removed the upload's intent before the row committed", async () => {
    const real = blobStore();
    // The real store, with the sweep "happening" right after the transcript is written.
    const racing = {
      ...real,
      put: async (...args: Parameters<typeof real.put>) => {
        await real.put(...args);
        await db().deleteFrom("storage_intents").execute();
      },
    };
    const before = await countRows("interactions");
    await expect(ingestInteraction(db(), racing, await input())).rejects.toThrow(/expired before it was recorded/);
    expect(await countRows("interactions")).toBe(before);
  });
});
