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
import { callTranscript, seedInteraction, seedTeam, seedUser, testWav } from "../../../test/factories";
import { taskList } from "../../../server/jobs/task-list";
import { peaksRateFor } from "./compute-interaction-peaks.server";
import { readWaveformOverview } from "../recordings/waveform-overview";
import { getInteraction } from "./get-interaction.server";
import { retryProcessing } from "./retry-processing.server";
import type { CallTranscript } from "../transcripts/transcript";

const callWith = (segments: CallTranscript["segments"]): CallTranscript => ({ ...(callTranscript() as CallTranscript), segments });
const warningsOf = (id: string) =>
  db().selectFrom("interactions").select(["import_warnings", "processing_warnings"]).where("id", "=", id).executeTakeFirstOrThrow();
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
    // Cut off inside the header: there is no audio to decode at all.
    const { id } = await seedInteraction(agent.id, { recording: { body: whole.subarray(0, 30) } });

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

  it("decodes a WAV cut short as far as it goes, and keeps a warning that says so", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const whole = testWav({ channels: 1, seconds: 4 });
    // The header promises 4 s of audio (64,000 bytes); the file holds 44 + 16,000 bytes: 1 s.
    const cut = whole.subarray(0, 44 + 16_000);
    const transcript = callWith([{ id: "s1", speaker: "a", startMs: 0, endMs: 900, text: "Thanks for calling." }]);
    const { id } = await seedInteraction(agent.id, { transcript, recording: { body: cut } });

    await runQueuedJobs();

    expect(await statusOf(id)).toMatchObject({ status: "ready", failure_reason: null, duration_ms: 1000 });
    expect(await warningsOf(id)).toEqual({
      import_warnings: [],
      processing_warnings: [
        "The recording is cut short: its WAV header announces 0:04 of audio (64000 bytes), the file holds 0:01 (16000 bytes). What is there was decoded.",
      ],
    });
  });

  it("warns when the transcript runs past the end of the recording, and shows it with the interaction", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const fiveMinutes = callWith([
      { id: "s1", speaker: "a", startMs: 0, endMs: 1500, text: "Thanks for calling." },
      { id: "s2", speaker: "c", startMs: 200_000, endMs: 300_000, text: "This turn is past the end of the audio." },
    ]);
    const { id } = await seedInteraction(agent.id, { transcript: fiveMinutes, durationMs: 0, recording: { body: testWav({ seconds: 2 }) } });
    // Within the tolerance: a transcript 4 s longer than its 2 s recording is normal timing slack.
    const close = callWith([{ id: "s1", speaker: "a", startMs: 0, endMs: 6000, text: "Thanks for calling." }]);
    const { id: closeId } = await seedInteraction(agent.id, { transcript: close, durationMs: 0, recording: { body: testWav({ seconds: 2 }) } });

    await runQueuedJobs();

    const warning =
      "The transcript runs to 5:00, past the end of the recording (0:02): turns after 0:02 cannot be played. Check that the transcript belongs to this recording.";
    expect(await statusOf(id)).toMatchObject({ status: "ready", duration_ms: 2000 });
    expect((await warningsOf(id)).processing_warnings).toEqual([warning]);
    expect((await warningsOf(closeId)).processing_warnings).toEqual([]);
    const lead = await seedUser("qa_lead");
    expect((await getInteraction(db(), blobStore(), lead, id))?.warnings).toEqual([warning]);
  });

  it("hides a retry from an agent who may not see the interaction", async () => {
    const team = await seedTeam();
    const owner = await seedUser("agent", [team.id]);
    const other = await seedUser("agent", [team.id]);
    const { id } = await seedInteraction(owner.id, { recording: { body: testWav().subarray(0, 30) } });
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
