/**
 * The waveform job end to end: ingest queues it, a real graphile-worker run executes
 * it against real PostgreSQL and S3, and the interaction ends ready (or failed with
 * its reason, and retryable).
 */
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { peaksKey } from "../../../storage/keys";
import { db, pgPool } from "../../lib/db.server";
import { blobStore } from "../../lib/storage.server";
import { seedInteraction, seedTeam, seedUser, testWav } from "../../../test/factories";
import { taskList } from "../../../server/jobs/task-list";
import { peaksRateFor } from "./compute-interaction-peaks.server";
import { readWaveformOverview } from "../recordings/waveform-overview";
import { retryProcessing } from "./retry-processing.server";

const silent = new Logger(() => () => {});
const runQueuedJobs = () => runOnce({ pgPool: pgPool(), taskList, logger: silent, noHandleSignals: true });
const statusOf = (id: string) =>
  db()
    .selectFrom("interactions")
    .select(["status", "failure_reason", "peaks_key", "duration_ms", "recording_channels"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("compute_peaks job", () => {
  it("writes per-channel peaks and marks the call ready with the audio's own duration", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const { id } = await seedInteraction(agent.id, { durationMs: 0, recording: { body: testWav({ channels: 2, seconds: 1.5 }) } });
    expect((await statusOf(id)).status).toBe("processing");

    await runQueuedJobs();

    expect(await statusOf(id)).toEqual({
      status: "ready",
      failure_reason: null,
      peaks_key: peaksKey(id),
      duration_ms: 1500,
      recording_channels: 2,
    });
    const peaks = await blobStore().getJson<{ durationMs: number; channels: { max: number[] }[] }>(peaksKey(id));
    expect(peaks.channels).toHaveLength(2);
    // The agent channel carries the tone, the customer channel is silent.
    expect(Math.max(...(peaks.channels[0]?.max ?? []))).toBeGreaterThan(0.1);
    expect(Math.max(...(peaks.channels[1]?.max ?? [1]))).toBe(0);
    // The overview the pages draw first: the same two channels, loud and flat.
    const { waveform_overview } = await db().selectFrom("interactions").select("waveform_overview").where("id", "=", id).executeTakeFirstOrThrow();
    const overview = readWaveformOverview(waveform_overview);
    expect(overview?.channels).toHaveLength(2);
    expect(Math.max(...(overview?.channels[0] ?? []))).toBe(100);
    expect(Math.max(...(overview?.channels[1] ?? [1]))).toBe(0);
  });

  it("marks a recording that cannot be decoded as failed with the reason, and a retry queues it again", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const whole = testWav({ seconds: 1 });
    // A cut-off upload: the header promises more audio than the file holds.
    const { id } = await seedInteraction(agent.id, { recording: { body: whole.subarray(0, 2000) } });

    await runQueuedJobs();
    const failed = await statusOf(id);
    expect(failed.status).toBe("failed");
    expect(failed.failure_reason).toMatch(/could not be decoded/i);
    expect(failed.peaks_key).toBeNull();

    const lead = await seedUser("qa_lead");
    await retryProcessing(db(), lead, id, { retryAfterMinutes: 5 });
    expect((await statusOf(id)).status).toBe("processing");
    await expect(retryProcessing(db(), lead, id, { retryAfterMinutes: 5 })).rejects.toThrow(/still being processed/);
  });

  it("can be retried once a call has been processing for the retry period, as when its job was lost with a dead worker", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const { id } = await seedInteraction(agent.id, { recording: { body: testWav({ seconds: 1 }) } });
    // The job is held by a worker that died while running it: nothing runs it again.
    await sql`UPDATE graphile_worker._private_jobs SET locked_by = 'worker-dead', locked_at = now() WHERE key = ${`peaks:${id}`}`.execute(db());
    await runQueuedJobs();
    expect((await statusOf(id)).status).toBe("processing");

    const lead = await seedUser("qa_lead");
    await expect(retryProcessing(db(), lead, id, { retryAfterMinutes: 5 })).rejects.toThrow(/still being processed/);
    const fourMinutesOn = new Date(Date.now() + 4 * 60_000);
    await expect(retryProcessing(db(), lead, id, { retryAfterMinutes: 5, now: fourMinutesOn })).rejects.toThrow(/still being processed/);

    await retryProcessing(db(), lead, id, { retryAfterMinutes: 5, now: new Date(Date.now() + 5 * 60_000) });
    await runQueuedJobs();
    expect((await statusOf(id)).status).toBe("ready");
    await expect(retryProcessing(db(), lead, id, { retryAfterMinutes: 5 })).rejects.toThrow(/waveform is ready/);
  });

  it("hides a retry from an agent who may not see the interaction", async () => {
    const team = await seedTeam();
    const owner = await seedUser("agent", [team.id]);
    const other = await seedUser("agent", [team.id]);
    const { id } = await seedInteraction(owner.id, { recording: { body: testWav().subarray(0, 100) } });
    await runQueuedJobs();
    await expect(retryProcessing(db(), other, id, { retryAfterMinutes: 5 })).rejects.toThrow(/not found/i);
  });
});

describe("peaksRateFor", () => {
  it("keeps short calls detailed and bounds an hour-long call", () => {
    expect(peaksRateFor(60_000)).toBe(100);
    expect(peaksRateFor(3_600_000)).toBe(10);
    expect(peaksRateFor(600_000)).toBe(60);
    expect(peaksRateFor(0)).toBe(50);
  });
});
