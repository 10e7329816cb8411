/**
 * Server-side object operations against a real embedded s3rver (see test-s3.ts).
 * s3rver does not verify every signature detail, so these tests prove protocol
 * shape and byte-exactness, not AWS signing edge cases.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createBlobStore } from "./blob-store";
import { StorageError } from "./errors";
import { interactionPrefix, recordingKey, transcriptKey } from "./keys";
import { MiB, randomStream, sha256, streamSha256, embeddedS3ForTests } from "./test-s3";

const t = embeddedS3ForTests();
const newId = () => randomUUID();

describe("put / get", () => {
  it("round-trips bytes, text, JSON, content type and metadata", async () => {
    const id = newId();
    const bytes = randomBytes(4096);
    await t.store.put(recordingKey(id, "wav"), bytes, { contentType: "audio/wav", metadata: { sha256: sha256(bytes) } });
    expect(Buffer.compare(await t.store.get(recordingKey(id, "wav")), bytes)).toBe(0);

    const transcript = { version: 1, channel: "chat", speakers: [], segments: [{ id: "s1", text: "Grüße 👋" }] };
    await t.store.put(transcriptKey(id), JSON.stringify(transcript), { contentType: "application/json" });
    expect(await t.store.getJson(transcriptKey(id))).toEqual(transcript);
    expect(await t.store.getText(transcriptKey(id))).toBe(JSON.stringify(transcript));

    const info = await t.store.head(recordingKey(id, "wav"));
    expect(info).toMatchObject({ size: 4096, contentType: "audio/wav", metadata: { sha256: sha256(bytes) } });
    expect(info?.lastModified).toBeInstanceOf(Date);
    expect(await t.store.exists(recordingKey(id, "wav"))).toBe(true);
  });

  it("getStream streams the object", async () => {
    const key = transcriptKey(newId());
    const bytes = randomBytes(300_000);
    await t.store.put(key, bytes, { contentType: "application/octet-stream" });
    const got = await streamSha256(await t.store.getStream(key));
    expect(got).toEqual({ hex: sha256(bytes), size: bytes.length });
  });

  it("getRange returns exactly the requested bytes", async () => {
    const key = recordingKey(newId(), "mp3");
    const bytes = randomBytes(100_000);
    await t.store.put(key, bytes, { contentType: "audio/mpeg" });
    expect(Buffer.compare(await t.store.getRange(key, 0, 0), bytes.subarray(0, 1))).toBe(0);
    expect(Buffer.compare(await t.store.getRange(key, 1234, 5678), bytes.subarray(1234, 5679))).toBe(0);
    expect(Buffer.compare(await t.store.getRange(key, 99_990, 99_999), bytes.subarray(99_990))).toBe(0);
    await expect(t.store.getRange(key, 10, 5)).rejects.toThrow(RangeError);
  });

  it("missing objects: head is null, get throws a StorageError naming key and operation", async () => {
    const key = transcriptKey(newId());
    expect(await t.store.head(key)).toBeNull();
    expect(await t.store.exists(key)).toBe(false);
    const err = await t.store.get(key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    const se = err as StorageError;
    expect(se.code).toBe("NoSuchKey");
    expect(se.notFound).toBe(true);
    expect(se.message).toContain(key);
    expect(se.message).toContain("storage get failed");
    expect(se.message).not.toContain(t.s3.secretAccessKey);
  });

  it("head propagates failures other than not-found", async () => {
    const down = createBlobStore({ ...t.options, endpoint: "http://127.0.0.1:9" });
    try {
      const err = await down.head(transcriptKey(newId())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).notFound).toBe(false);
    } finally {
      down.destroy();
    }
  });

  it("copy makes a server-side copy: the same bytes, content type and metadata under the new key; a missing source throws", async () => {
    const from = recordingKey(newId(), "wav");
    const to = recordingKey(newId(), "wav");
    const bytes = randomBytes(200_000);
    await t.store.put(from, bytes, { contentType: "audio/wav", metadata: { sha256: sha256(bytes) } });
    await t.store.copy(from, to);
    expect(Buffer.compare(await t.store.get(to), bytes)).toBe(0);
    expect(await t.store.head(to)).toMatchObject({ size: 200_000, contentType: "audio/wav", metadata: { sha256: sha256(bytes) } });
    // The source stays.
    expect(Buffer.compare(await t.store.get(from), bytes)).toBe(0);
    const missing = recordingKey(newId(), "wav");
    const error = await t.store.copy(missing, recordingKey(newId(), "wav")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).operation).toBe("copy");
  });

  it("delete is idempotent", async () => {
    const key = transcriptKey(newId());
    await t.store.put(key, "{}", { contentType: "application/json" });
    await t.store.delete(key);
    expect(await t.store.exists(key)).toBe(false);
    await expect(t.store.delete(key)).resolves.toBeUndefined();
  });

  it("refuses malformed keys before calling storage", async () => {
    await expect(t.store.get("")).rejects.toThrow(/invalid key/);
    await expect(t.store.head("/abs")).rejects.toThrow(/invalid key/);
  });
});

describe("putStream", () => {
  it("stores a ~20 MB stream byte-exact (no chunk framing) and reports its size", async () => {
    const key = recordingKey(newId(), "wav");
    const total = 20 * MiB + 12345;
    const src = randomStream(total);
    const { size } = await t.store.putStream(key, src.stream, { contentType: "audio/wav" });
    expect(size).toBe(total);
    expect((await t.store.head(key))?.size).toBe(total);
    const got = await streamSha256(await t.store.getStream(key));
    expect(got).toEqual({ hex: src.digest(), size: total });
  }, 120_000);

  it("stores a small stream with a single PUT", async () => {
    const key = transcriptKey(newId());
    const { size } = await t.store.putStream(key, Readable.from([Buffer.from('{"a":'), Buffer.from("1}")]), {
      contentType: "application/json",
      metadata: { origin: "test" },
    });
    expect(size).toBe(7);
    expect(await t.store.getJson(key)).toEqual({ a: 1 });
    expect((await t.store.head(key))?.metadata).toEqual({ origin: "test" });
  });

  it("fails and removes the object when the stream is shorter than contentLength", async () => {
    const key = transcriptKey(newId());
    await expect(
      t.store.putStream(key, Readable.from([Buffer.alloc(10)]), { contentType: "text/plain", contentLength: 11 }),
    ).rejects.toThrow(/gave 10 bytes, expected 11/);
    expect(await t.store.exists(key)).toBe(false);
  });

  it("rejects (does not hang) when the source stream errors, and leaves no pending upload", async () => {
    const key = recordingKey(newId(), "wav");
    function* failing() {
      // More than two parts, so the multipart upload has begun when the source fails.
      for (let i = 0; i < 20; i++) yield randomBytes(MiB);
      throw new Error("disk on fire");
    }
    await expect(t.store.putStream(key, Readable.from(failing()), { contentType: "audio/wav" })).rejects.toThrow(
      /disk on fire/,
    );
    expect(await t.store.exists(key)).toBe(false);
    // lib-storage aborted the upload (the embedded server implements abort): no parts left on disk.
    const uploads = await readdir(path.join(t.dataDir, t.bucket, "._S3rver_uploads")).catch(() => []);
    expect(uploads).toEqual([]);
  }, 30_000);

  it("stops reading the source when storage refuses the upload", async () => {
    const broken = createBlobStore({ ...t.options, bucket: "no-such-bucket" });
    let sourceClosed = false;
    function* endless() {
      try {
        for (;;) yield randomBytes(MiB);
      } finally {
        sourceClosed = true;
      }
    }
    try {
      const err = await broken
        .putStream(transcriptKey(newId()), Readable.from(endless()), { contentType: "application/json" })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).code).toBe("NoSuchBucket");
      expect(sourceClosed).toBe(true);
    } finally {
      broken.destroy();
    }
  }, 30_000);
});

describe("list / deletePrefix", () => {
  it("list pages through results with small pages", async () => {
    const id = newId();
    const keys = ["a", "b", "c", "d", "e"].map((n) => `${interactionPrefix(id)}source/${n}.txt`);
    for (const key of keys) await t.store.put(key, key, { contentType: "text/plain" });
    await t.store.put(`${interactionPrefix(newId())}source/other.txt`, "x", { contentType: "text/plain" });

    const listed = [];
    for await (const o of t.store.list(interactionPrefix(id), { pageSize: 2 })) listed.push(o);
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed[0]?.size).toBe(keys[0]?.length);
    expect(listed[0]?.lastModified).toBeInstanceOf(Date);

    const all = [];
    for await (const o of t.store.list(interactionPrefix(id))) all.push(o.key);
    expect(all).toEqual(keys);
  });

  it("deletePrefix removes only that prefix, in batches", async () => {
    const id = newId();
    const prefix = interactionPrefix(id);
    const keys = [transcriptKey(id), recordingKey(id, "wav"), ...[1, 2, 3].map((n) => `${prefix}source/${n}.vtt`)];
    for (const key of keys) await t.store.put(key, "x", { contentType: "text/plain" });
    // A neighbour sharing the id as a string prefix but not the trailing slash, and another interaction.
    const neighbour = `interactions/${id}-not-mine/recording.wav`;
    const other = transcriptKey(newId());
    await t.store.put(neighbour, "keep", { contentType: "text/plain" });
    await t.store.put(other, "keep", { contentType: "text/plain" });

    expect(await t.store.deletePrefix(prefix, { pageSize: 2 })).toBe(5);
    for (const key of keys) expect(await t.store.exists(key)).toBe(false);
    expect(await t.store.exists(neighbour)).toBe(true);
    expect(await t.store.exists(other)).toBe(true);
    expect(await t.store.deletePrefix(prefix)).toBe(0);
  });

  it("deletePrefix refuses the empty prefix", async () => {
    await expect(t.store.deletePrefix("")).rejects.toThrow(/empty prefix/);
  });
});

