import { describe, expect, it } from "vitest";
import { detectAudioType, SNIFF_BYTES } from "./detect-audio-type";
import { headerDurationMs } from "./header-duration";
import { buildWav, fixture } from "./test-support";

const byHeader = (bytes: Buffer) => headerDurationMs(bytes.subarray(0, SNIFF_BYTES), bytes.length, detectAudioType(bytes.subarray(0, SNIFF_BYTES)));

describe("headerDurationMs", () => {
  it("reads a WAV's and a FLAC's length from their headers", () => {
    expect(byHeader(fixture("mono-pcm16-8k.wav"))).toBe(1500);
    expect(byHeader(fixture("stereo-mulaw-8k.wav"))).toBe(2000);
    expect(byHeader(fixture("mono-16k.flac"))).toBe(2000);
  });

  it("holds a WAV to the bytes the file has, whatever its header promises", () => {
    expect(byHeader(fixture("mono-pcm16-8k.wav").subarray(0, 44 + 8000))).toBe(500);
    const open = buildWav({ channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 4000, sample: () => 0, dataSizeField: 0xffffffff });
    expect(byHeader(open)).toBe(500);
  });

  it("says nothing for formats whose header does not tell their length", () => {
    expect(byHeader(fixture("stereo-8k.mp3"))).toBeNull();
    expect(byHeader(fixture("mono-16k.opus"))).toBeNull();
  });
});
