import { describe, expect, it } from "vitest";
import { detectAudioType, sniffAudioType } from "./detect-audio-type";
import { UnsupportedRecordingError } from "./errors";
import { buildWav, fixture } from "./test-support";

const refusal = (bytes: Uint8Array | string) => {
  const result = sniffAudioType(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes);
  if (result.ok) throw new Error(`expected a refusal, got ${result.audio.label}`);
  return result.reason;
};

/** An MP3 without its ID3v2 tag: the frame-sync path. */
function mp3WithoutTag(): Buffer {
  const mp3 = fixture("stereo-8k.mp3");
  const size = ((mp3[6]! << 21) | (mp3[7]! << 14) | (mp3[8]! << 7) | mp3[9]!) + 10;
  return mp3.subarray(size);
}

describe("detectAudioType", () => {
  it.each([
    ["stereo-mulaw-8k.wav", { kind: "wav", codec: "mulaw", contentType: "audio/wav", ext: "wav", channels: 2, sampleRate: 8000 }],
    ["mono-alaw-8k.wav", { kind: "wav", codec: "alaw", contentType: "audio/wav", ext: "wav", channels: 1, sampleRate: 8000 }],
    ["mono-pcm16-8k.wav", { kind: "wav", codec: "pcm", bitsPerSample: 16, label: "WAV (16-bit PCM)", channels: 1 }],
    ["stereo-8k.mp3", { kind: "mp3", contentType: "audio/mpeg", ext: "mp3", channels: 2, sampleRate: 8000 }],
    ["mono-16k.opus", { kind: "ogg-opus", contentType: "audio/ogg", ext: "opus", channels: 1, sampleRate: 48000 }],
    ["mono-16k.ogg", { kind: "ogg-vorbis", contentType: "audio/ogg", ext: "ogg", channels: 1, sampleRate: 16000 }],
    ["mono-16k.flac", { kind: "flac", contentType: "audio/flac", ext: "flac", channels: 1, sampleRate: 16000, bitsPerSample: 16, totalFrames: 32000 }],
  ])("recognises %s by its bytes", (name, expected) => {
    expect(detectAudioType(fixture(name))).toMatchObject(expected);
  });

  it("reads only the bytes, so an MP3 called .wav is an MP3", () => {
    // The name never reaches the sniffer; the first bytes are all it sees.
    const misnamed = { name: "call.wav", bytes: fixture("stereo-8k.mp3") };
    expect(detectAudioType(misnamed.bytes).kind).toBe("mp3");
  });

  it("recognises an MP3 without an ID3 tag by two consecutive frame headers", () => {
    expect(detectAudioType(mp3WithoutTag())).toMatchObject({ kind: "mp3", channels: 2, sampleRate: 8000 });
  });

  it("does not take one stray 0xFFFB for an MP3", () => {
    const bytes = Buffer.alloc(2000, 0x5a);
    bytes.set([0xff, 0xfb, 0x90, 0x64], 0);
    expect(refusal(bytes)).toMatch(/its format was not recognised \(it starts with bytes ff fb 90 64/);
  });

  it("reads WAVE_FORMAT_EXTENSIBLE and skips chunks before fmt", () => {
    const wav = buildWav({
      channels: 2,
      sampleRate: 16000,
      bitsPerSample: 24,
      extensible: true,
      frames: 10,
      sample: () => 0,
      extraChunks: [{ id: "JUNK", body: new Uint8Array(27), before: true }],
    });
    expect(detectAudioType(wav)).toMatchObject({ kind: "wav", codec: "pcm", bitsPerSample: 24, channels: 2, sampleRate: 16000 });
  });

  it("answers kind wav without details when fmt lies beyond the sniffed bytes", () => {
    const wav = buildWav({
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      frames: 1,
      sample: () => 0,
      extraChunks: [{ id: "LIST", body: new Uint8Array(70_000), before: true }],
    });
    const detected = detectAudioType(wav.subarray(0, 64 * 1024));
    expect(detected).toMatchObject({ kind: "wav", contentType: "audio/wav" });
    expect(detected.channels).toBeUndefined();
  });

  it.each([
    ["IMA ADPCM", 0x11, /WAV with IMA ADPCM audio \(format 0x0011\) is not supported yet/],
    ["GSM 6.10", 0x31, /WAV with GSM 6\.10 audio \(format 0x0031\)/],
    ["an unknown codec", 0x1234, /WAV with audio format 0x1234 is not supported yet/],
  ])("refuses a WAV with %s", (_name, formatTag, message) => {
    const wav = buildWav({ channels: 1, sampleRate: 8000, bitsPerSample: 8, formatTag, frames: 4, sample: () => 0 });
    expect(refusal(wav)).toMatch(message);
  });

  it("refuses a WAV whose fmt chunk contradicts itself", () => {
    const wav = buildWav({ channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 4, sample: () => 0 });
    wav.writeUInt16LE(3, 12 + 8 + 12); // block align 3 for mono 16-bit
    expect(refusal(wav)).toMatch(/damaged WAV file: WAV fmt chunk has block align 3, expected 2/);
  });

  it.each([
    ["%PDF-1.7\n%âãÏÓ\n1 0 obj", "looks like a PDF"],
    ["PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive (or a Word/Excel document)"],
    ["\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image"],
    ["Agent: Hello, thanks for calling.\nCustomer: Hi.\n", "looks like a text file"],
    ["WEBVTT\n\n00:00.000 --> 00:01.000\nHello", "looks like a WebVTT transcript, not a recording"],
    ['{"version":1,"channel":"call"}', "looks like a JSON file"],
    ["<!DOCTYPE html><html><body>Sign in</body></html>", "looks like a web page (HTML)"],
    ["RIFF\x24\x00\x00\x00AVI LIST", "looks like an AVI video"],
    ["", "the file is empty"],
  ])("refuses %j: %s", (bytes, reason) => {
    expect(refusal(bytes)).toBe(reason);
  });

  it("says M4A is not supported yet and what to do", () => {
    const m4a = "\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom\x00\x00\x00\x08free";
    expect(() => detectAudioType(Buffer.from(m4a, "latin1"))).toThrow(
      "This file is not a supported recording: M4A is not supported yet; convert to WAV or MP3",
    );
    expect(refusal("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00")).toBe("MP4 (M4A) is not supported yet; convert to WAV or MP3");
  });

  it("refuses WebM, raw AAC and Ogg codecs it cannot decode", () => {
    expect(refusal("\x1aE\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01B\xf2\x81\x04B\x82\x84webm")).toBe(
      "WebM/Matroska is not supported yet; convert to WAV or MP3",
    );
    expect(refusal(Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]))).toBe("raw AAC is not supported yet; convert to WAV or MP3");
    const oggSpeex = Buffer.concat([Buffer.from("OggS\x00\x02", "latin1"), Buffer.alloc(20), Buffer.from([1, 80]), Buffer.from("Speex   1.2", "latin1")]);
    expect(refusal(oggSpeex)).toBe("Ogg Speex is not supported; convert to WAV or MP3");
  });

  it("throws UnsupportedRecordingError, a 422 DomainError with a field message", () => {
    const error = (() => {
      try {
        detectAudioType(Buffer.from("hello"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedRecordingError);
    expect(error).toMatchObject({ status: 422, message: "This file is not a supported recording: looks like a text file" });
  });
});
