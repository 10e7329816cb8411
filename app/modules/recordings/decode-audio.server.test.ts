import { describe, expect, it } from "vitest";
import { computePeaks } from "./compute-peaks";
import { decodeAudio, openAudioDecodeStream } from "./decode-audio.server";
import { RecordingDecodeError, UnsupportedRecordingError } from "./errors";
import { buildWav, fixture, inPieces } from "./test-support";

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("decodeAudio", () => {
  it.each([
    ["mono-pcm16-8k.wav", 1, 8000, 1500],
    ["stereo-mulaw-8k.wav", 2, 8000, 2000],
    ["mono-alaw-8k.wav", 1, 8000, 1000],
    ["stereo-8k.mp3", 2, 8000, 2000],
    ["mono-16k.opus", 1, 48000, 2000],
    ["mono-16k.ogg", 1, 16000, 2000],
    ["mono-16k.flac", 1, 16000, 2000],
  ])("decodes %s: %i channel(s) at %i Hz, %i ms within 50 ms", async (name, channels, sampleRate, durationMs) => {
    const decoded = await decodeAudio(fixture(name));
    expect(decoded.channelData).toHaveLength(channels);
    expect(decoded.sampleRate).toBe(sampleRate);
    expect(Math.abs((decoded.frames / sampleRate) * 1000 - durationMs)).toBeLessThanOrEqual(50);
    expect(decoded.stats.decodeErrors).toBe(0);
    const loudest = Math.max(...decoded.channelData[0]!.map(Math.abs));
    expect(loudest).toBeGreaterThan(0.3);
  });

  it.each(["stereo-mulaw-8k.wav", "stereo-8k.mp3"])("keeps the silent right channel of %s at ~0", async (name) => {
    const decoded = await decodeAudio(fixture(name));
    const peaks = await computePeaks([{ sampleRate: decoded.sampleRate, channelData: decoded.channelData }]);
    const [left, right] = peaks.channels;
    expect(Math.max(...left!.max)).toBeGreaterThan(0.3);
    expect(Math.max(...right!.max.map(Math.abs), ...right!.min.map(Math.abs))).toBeLessThanOrEqual(0.001);
  });

  it("streams a WAV fed in odd-sized pieces to the same samples as the whole buffer", async () => {
    const bytes = fixture("stereo-mulaw-8k.wav");
    const whole = await decodeAudio(bytes);
    const pieces = await decodeAudio(inPieces(bytes, [1, 7, 3, 4093, 2]));
    expect(pieces.frames).toBe(whole.frames);
    expect(pieces.channelData).toEqual(whole.channelData);
  });

  it("streams compressed formats fed in small pieces", async () => {
    for (const name of ["stereo-8k.mp3", "mono-16k.opus", "mono-16k.ogg", "mono-16k.flac"]) {
      const whole = await decodeAudio(fixture(name));
      const pieces = await decodeAudio(inPieces(fixture(name), [500, 37, 1200]));
      expect(Math.abs(pieces.frames - whole.frames), name).toBeLessThanOrEqual(whole.sampleRate / 100);
    }
  });

  it("skips odd-sized chunks before and after fmt, and handles 24-bit extensible stereo", async () => {
    const wav = buildWav({
      channels: 2,
      sampleRate: 16000,
      bitsPerSample: 24,
      extensible: true,
      frames: 1600,
      sample: (i, c) => (c === 0 ? Math.sin(i / 5) * 0.5 : 0),
      extraChunks: [
        { id: "bext", body: new Uint8Array(13), before: true },
        { id: "fact", body: new Uint8Array(4) },
        { id: "LIST", body: new Uint8Array(5) },
      ],
    });
    const decoded = await decodeAudio(wav);
    expect(decoded).toMatchObject({ sampleRate: 16000, frames: 1600 });
    expect(decoded.channelData[0]![5]).toBeCloseTo(Math.sin(1) * 0.5, 5);
    expect(decoded.channelData[1]!.every((v) => v === 0)).toBe(true);
  });

  it("reads to the end of the file when the recorder never rewrote the data size", async () => {
    const wav = buildWav({ channels: 2, sampleRate: 8000, bitsPerSample: 16, frames: 800, sample: () => 0.25, dataSizeField: 0xffffffff });
    const decoded = await decodeAudio(wav.subarray(0, wav.length - 3)); // and the last frame is cut
    expect(decoded.frames).toBe(799);
  });

  it("decodes a data chunk the file does not hold in full as far as it goes, with a warning", async () => {
    const wav = buildWav({ channels: 2, sampleRate: 8000, bitsPerSample: 16, frames: 16_000, sample: () => 0.25 });
    // The header announces 2 s (64,000 bytes of frames); 44 + 16,001 bytes are there: 4000 whole frames, 0.5 s.
    const decoded = await decodeAudio(wav.subarray(0, 44 + 16_001));
    expect(decoded.frames).toBe(4000);
    expect(decoded.channelData[0]?.every((value) => value === 0.25)).toBe(true);
    expect(decoded.stats.warnings).toEqual([
      "The recording is cut short: its WAV header announces 0:02 of audio (64000 bytes), the file holds 0:00 (16001 bytes). What is there was decoded.",
    ]);
    // The same audio with an open-ended size is no different, and nothing is missing from it.
    const open = buildWav({ channels: 2, sampleRate: 8000, bitsPerSample: 16, frames: 4000, sample: () => 0.25, dataSizeField: 0 });
    const whole = await decodeAudio(open);
    expect(whole.frames).toBe(4000);
    expect(whole.stats.warnings).toEqual([]);
  });

  it("reports a truncated header", async () => {
    const bytes = fixture("mono-pcm16-8k.wav").subarray(0, 30);
    expect((await rejection(decodeAudio(bytes))).message).toBe("The recording could not be decoded: WAV header is truncated at byte 30");
  });

  it("holds FLAC to the sample count in STREAMINFO, since libFLAC stops quietly at damage", async () => {
    const flac = fixture("mono-16k.flac");
    const cut = await rejection(decodeAudio(flac.subarray(0, 13_546)));
    expect(cut.message).toBe("The recording could not be decoded: FLAC audio stops after 12288 of 32000 samples (the file is cut off or damaged)");
    const damaged = Buffer.from(flac);
    damaged[20_000] = damaged[20_000]! ^ 0x5a;
    expect(await rejection(decodeAudio(damaged))).toMatchObject({ failure: "truncated" });
  });

  it("refuses unsupported bytes before decoding anything", async () => {
    await expect(decodeAudio(Buffer.from("%PDF-1.4 …"))).rejects.toThrow("This file is not a supported recording: looks like a PDF");
    await expect(decodeAudio(Buffer.from("%PDF-1.4 …"))).rejects.toBeInstanceOf(UnsupportedRecordingError);
  });

  it("says so when an MP3 has no decodable frames", async () => {
    // An ID3 tag that claims the whole file: sniffing trusts it, mpg123 finds nothing.
    const bytes = Buffer.concat([Buffer.from("ID3\x03\x00\x00\x00\x01\x00\x00", "latin1"), Buffer.alloc(3000, 0x41)]);
    const error = await rejection(decodeAudio(bytes));
    expect(error).toBeInstanceOf(RecordingDecodeError);
    expect(error.message).toMatch(/^The recording could not be decoded: no MP3 audio frames could be decoded/);
  });

  it("closes the source when the consumer stops early", async () => {
    let closed = false;
    async function* source() {
      try {
        for (const piece of inPieces(fixture("stereo-mulaw-8k.wav"), [1000])) {
          await Promise.resolve(); // an asynchronous source, like a network stream
          yield piece;
        }
      } finally {
        closed = true;
      }
    }
    const stream = await openAudioDecodeStream(source());
    for await (const chunk of stream.chunks) {
      expect(chunk.channelData).toHaveLength(2);
      break;
    }
    expect(closed).toBe(true);
  });
});
