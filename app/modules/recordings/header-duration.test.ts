import { describe, expect, it } from "vitest";
import { detectAudioType, SNIFF_BYTES } from "./detect-audio-type";
import { OGG_TAIL_BYTES } from "./compressed-duration";
import { decodeAudio } from "./decode-audio.server";
import { headerDurationMs } from "./header-duration";
import { mpegStreamAt } from "./mpeg-header";
import { buildWav, fixture } from "./test-support";

const byHeader = (bytes: Buffer, tail?: Buffer) =>
  headerDurationMs(bytes.subarray(0, SNIFF_BYTES), bytes.length, detectAudioType(bytes.subarray(0, SNIFF_BYTES)), tail);

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

  it("reads an MP3's and an Ogg file's length without decoding, within 30 ms of what the decoder finds", async () => {
    for (const name of ["stereo-8k.mp3", "mono-16k.opus", "mono-16k.ogg"]) {
      const bytes = fixture(name);
      const decoded = await decodeAudio(bytes);
      const exact = (decoded.frames / decoded.sampleRate) * 1000;
      const read = byHeader(bytes, bytes.subarray(-OGG_TAIL_BYTES));
      expect(read, name).not.toBeNull();
      expect(Math.abs(read! - exact), `${name}: ${read} ms by header, ${exact} ms decoded`).toBeLessThanOrEqual(30);
    }
  });

  it("takes an MP3 without a frame count at its constant bitrate, and gives up when the bitrate varies", () => {
    const mp3 = fixture("stereo-8k.mp3");
    const { frameStart, frame } = firstFrameOf(mp3);
    // The Info frame blanked: what is left is 32 kbit/s CBR, length = audio bytes × 8 / 32.
    const cbr = Buffer.from(mp3);
    cbr.fill(0, frameStart + 4, frameStart + frame.frameLength);
    expect(byHeader(cbr)).toBe(Math.floor(((cbr.length - frameStart) * 8) / 32));
    // A later frame at 40 kbit/s (bitrate index 5 for MPEG-2 layer III) and no frame count: not known.
    const vbr = Buffer.from(cbr);
    const second = frameStart + frame.frameLength;
    vbr[second + 2] = (5 << 4) | (vbr[second + 2]! & 0x0f);
    expect(byHeader(vbr)).toBeNull();
  });

  it("says nothing when the bytes do not tell: Ogg without its end, MP3 behind a tag larger than the head", () => {
    expect(byHeader(fixture("mono-16k.opus"))).toBeNull();
    const id3 = Buffer.alloc(10);
    id3.write("ID3\x04\x00\x00", "latin1");
    // A 100 KiB tag (cover art), synchsafe: the first frame lies past SNIFF_BYTES.
    const size = 100 * 1024;
    id3.set([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], 6);
    const tagged = Buffer.concat([id3, Buffer.alloc(size), fixture("stereo-8k.mp3")]);
    expect(byHeader(tagged)).toBeNull();
  });
});

/** The first MPEG frame of an MP3, after its ID3v2 tag (whose size is synchsafe), and its header. */
function firstFrameOf(bytes: Buffer) {
  const tagEnd = bytes.subarray(0, 3).toString("latin1") === "ID3" ? 10 + [6, 7, 8, 9].reduce((acc, at) => acc * 128 + bytes[at]!, 0) : 0;
  for (let at = tagEnd; at < bytes.length - 4; at++) {
    const frame = mpegStreamAt(bytes, at);
    if (frame) return { frameStart: at, frame };
  }
  throw new Error("no MPEG frame");
}
