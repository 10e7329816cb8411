import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { peaksKey, recordingKey } from "../../../storage/keys";
import { blobStore } from "../../lib/storage.server";
import { peaksJsonSchema, toWaveSurferPeaks } from "./compute-peaks";
import { computeRecordingPeaks } from "./compute-recording-peaks.server";
import { RecordingDecodeError, UnsupportedRecordingError } from "./errors";
import { buildWav, fixture } from "./test-support";

async function stored(body: Buffer, ext: string, contentType: string) {
  const interactionId = randomUUID();
  const key = recordingKey(interactionId, ext);
  await blobStore().put(key, body, { contentType });
  return { interactionId, recordingKey: key, contentType };
}

describe("computeRecordingPeaks (real S3)", () => {
  it("streams a stereo μ-law WAV out of storage and stores peaks.json beside it", async () => {
    const input = await stored(fixture("stereo-mulaw-8k.wav"), "wav", "audio/wav");
    const result = await computeRecordingPeaks(blobStore(), input);

    expect(result).toMatchObject({
      peaksKey: peaksKey(input.interactionId),
      durationMs: 2000,
      channels: 2,
      sampleRate: 8000,
      kind: "wav",
      contentType: "audio/wav",
      contentTypeMismatch: false,
      decodeErrors: 0,
    });
    const info = await blobStore().head(result.peaksKey);
    expect(info).toMatchObject({ contentType: "application/json", size: result.peaksBytes });
    expect(info?.metadata).toMatchObject({ "peaks-version": "1", "peaks-rate": "100" });

    const peaks = peaksJsonSchema.parse(await blobStore().getJson(result.peaksKey));
    expect(peaks).toMatchObject({ version: 1, rate: 100, sampleRate: 8000, durationMs: 2000 });
    const [agent, customer] = peaks.channels;
    expect(agent!.max).toHaveLength(200); // ceil(2.000 s × 100/s)
    expect(Math.max(...agent!.max)).toBeGreaterThan(0.3);
    expect(customer!.max.every((v) => v === 0) && customer!.min.every((v) => v === 0)).toBe(true);

    const wave = toWaveSurferPeaks(peaks);
    expect(wave.duration).toBe(2);
    expect(wave.peaks.map((channel) => channel.length)).toEqual([200, 200]);
  });

  it("believes the bytes over the key and Content-Type: an MP3 stored as recording.wav", async () => {
    const input = await stored(fixture("stereo-8k.mp3"), "wav", "audio/wav");
    const result = await computeRecordingPeaks(blobStore(), { ...input, rate: 20 });
    expect(result).toMatchObject({ kind: "mp3", contentType: "audio/mpeg", contentTypeMismatch: true, durationMs: 2000, channels: 2 });
    const peaks = peaksJsonSchema.parse(await blobStore().getJson(result.peaksKey));
    expect(peaks.rate).toBe(20);
    expect(peaks.channels[0]!.max).toHaveLength(40);
  });

  it("draws the peaks of a WAV cut short as far as it goes, and reports it", async () => {
    const input = await stored(fixture("mono-pcm16-8k.wav").subarray(0, 10_000), "wav", "audio/wav");
    const result = await computeRecordingPeaks(blobStore(), input);
    // 9956 bytes of 16-bit mono at 8 kHz: 4978 frames, 622 ms.
    expect(result).toMatchObject({ durationMs: 622, channels: 1 });
    expect(result.warnings).toEqual([
      "The recording is cut short: its WAV header announces 0:01 of audio (24000 bytes), the file holds 0:00 (9956 bytes). What is there was decoded.",
    ]);
    expect(await blobStore().exists(peaksKey(input.interactionId))).toBe(true);
  });

  it("fails a WAV cut inside its header, and writes no peaks", async () => {
    const input = await stored(fixture("mono-pcm16-8k.wav").subarray(0, 30), "wav", "audio/wav");
    const error = await computeRecordingPeaks(blobStore(), input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingDecodeError);
    expect((error as Error).message).toBe("The recording could not be decoded: WAV header is truncated at byte 30");
    expect(await blobStore().exists(peaksKey(input.interactionId))).toBe(false);
  });

  it("refuses a text file stored as a recording", async () => {
    const input = await stored(Buffer.from("Agent: hello\nCustomer: hi\n"), "wav", "audio/wav");
    const error = await computeRecordingPeaks(blobStore(), input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedRecordingError);
    expect((error as Error).message).toBe("This file is not a supported recording: looks like a text file");
  });

  it("refuses a WAV with no audio in it", async () => {
    const input = await stored(buildWav({ channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 0, sample: () => 0 }), "wav", "audio/wav");
    await expect(computeRecordingPeaks(blobStore(), input)).rejects.toThrow("The recording could not be decoded: it contains no audio");
  });
});
