import { describe, expect, it } from "vitest";
import {
  InvalidKeyPartError,
  MAX_SOURCE_NAME_BYTES,
  interactionIdFromKey,
  interactionPrefix,
  peaksKey,
  recordingKey,
  recordingKeyExtension,
  sanitizeFileName,
  sourceKey,
  transcriptKey,
} from "./keys";

const ID = "3f2b6c1e-8a4d-4e2f-9b1a-0c5d7e9f1a2b";

describe("key layout", () => {
  it("builds the DESIGN.md layout", () => {
    expect(interactionPrefix(ID)).toBe(`interactions/${ID}/`);
    expect(recordingKey(ID, "wav")).toBe(`interactions/${ID}/recording.wav`);
    expect(recordingKey(ID, "mp3")).toBe(`interactions/${ID}/recording.mp3`);
    expect(transcriptKey(ID)).toBe(`interactions/${ID}/transcript.json`);
    expect(peaksKey(ID)).toBe(`interactions/${ID}/peaks.json`);
    expect(sourceKey(ID, "call.vtt")).toBe(`interactions/${ID}/source/call.vtt`);
  });

  it("normalises ids to lowercase so one interaction has one prefix", () => {
    expect(transcriptKey(ID.toUpperCase())).toBe(transcriptKey(ID));
  });

  it("rejects ids that are not UUIDs with a clear error", () => {
    for (const bad of ["", "abc", `${ID}/..`, "../etc", `${ID} `, "3f2b6c1e8a4d4e2f9b1a0c5d7e9f1a2b"]) {
      expect(() => transcriptKey(bad)).toThrow(InvalidKeyPartError);
    }
    expect(() => peaksKey("nope")).toThrow(/invalid interaction id "nope": expected a UUID/);
  });

  it("rejects extensions that are not 1-5 lowercase alphanumerics", () => {
    for (const bad of ["", "WAV", "wav/x", ".wav", "toolong", "m 4a", "../a"]) {
      expect(() => recordingKey(ID, bad)).toThrow(InvalidKeyPartError);
    }
    expect(() => recordingKey(ID, "WAV")).toThrow(/invalid recording extension "WAV"/);
    expect(recordingKey(ID, "opus")).toMatch(/recording\.opus$/);
    expect(recordingKey(ID, "m4a")).toMatch(/recording\.m4a$/);
  });

  it("finds the interaction id of a key", () => {
    expect(interactionIdFromKey(recordingKey(ID, "wav"))).toBe(ID);
    expect(interactionIdFromKey(`interactions/${ID.toUpperCase()}/x`)).toBe(ID);
    expect(interactionIdFromKey("interactions/not-a-uuid/x")).toBeNull();
    expect(interactionIdFromKey(`other/${ID}/x`)).toBeNull();
    expect(interactionIdFromKey(`interactions/${ID}`)).toBeNull();
  });
});

describe("sanitizeFileName", () => {
  it("keeps ordinary names", () => {
    expect(sanitizeFileName("call-2024_05.vtt")).toBe("call-2024_05.vtt");
    expect(sanitizeFileName("Überprüfung.json")).toBe("Überprüfung.json");
  });

  it("keeps only the basename of a path, either separator", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\dana\\calls\\call.vtt")).toBe("call.vtt");
    expect(sanitizeFileName("dir/")).toBe("file");
  });

  it("never produces a path step, a hidden file or an empty name", () => {
    expect(sanitizeFileName("..")).toBe("file");
    expect(sanitizeFileName(".")).toBe("file");
    expect(sanitizeFileName("")).toBe("file");
    expect(sanitizeFileName(".env")).toBe("env");
    expect(sanitizeFileName("a..b...vtt")).toBe("a.b.vtt");
    expect(sanitizeFileName("trailing.")).toBe("trailing");
    for (const name of ["..", "...", "../..", "./.", ".. ..", "\u0000..\u0000"]) {
      const out = sanitizeFileName(name);
      expect(out).not.toContain("..");
      expect(out).not.toContain("/");
      expect(out.startsWith(".")).toBe(false);
      expect(out.length).toBeGreaterThan(0);
    }
  });

  it("drops control characters and replaces unsafe ones", () => {
    expect(sanitizeFileName("call\u0000\u0007\n.vtt")).toBe("call.vtt");
    expect(sanitizeFileName('my call <1>?"*.vtt')).toBe("my_call_1_.vtt");
    expect(sanitizeFileName("a%2F..%2Fb.vtt")).toBe("a_2F._2Fb.vtt");
  });

  it("limits the length in UTF-8 bytes and keeps the extension", () => {
    const long = `${"é".repeat(300)}.json`;
    const out = sanitizeFileName(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_SOURCE_NAME_BYTES);
    expect(out.endsWith(".json")).toBe(true);
    expect(out).not.toContain("\uFFFD");
    expect(Buffer.byteLength(sanitizeFileName("x".repeat(5000)))).toBe(MAX_SOURCE_NAME_BYTES);
  });

  it("is what sourceKey uses", () => {
    expect(sourceKey(ID, "../../secret .vtt")).toBe(`interactions/${ID}/source/secret_.vtt`);
  });
});

describe("recordingKeyExtension", () => {
  it("reads the extension of a key recordingKey built, and refuses any other key", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(recordingKeyExtension(recordingKey(id, "wav"))).toBe("wav");
    expect(recordingKeyExtension(recordingKey(id, "ogg"))).toBe("ogg");
    for (const key of [transcriptKey(id), `interactions/${id}/recording.wav/x`, `other/${id}/recording.wav`, `interactions/not-a-uuid/recording.wav`, ""]) {
      expect(() => recordingKeyExtension(key), key).toThrow(InvalidKeyPartError);
    }
  });
});
