/** Presigned browser transfers against a real embedded s3rver (see test-s3.ts). */
import { randomBytes, randomUUID } from "node:crypto";
import { access } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBlobStore } from "./blob-store";
import { StorageError } from "./errors";
import { recordingKey, transcriptKey } from "./keys";
import { MiB, sha256, embeddedS3ForTests } from "./test-s3";

const t = embeddedS3ForTests();
const newId = () => randomUUID();

describe("presigned URLs", () => {
  it("presignGet serves the body and honours Range (206)", async () => {
    const key = recordingKey(newId(), "wav");
    const bytes = randomBytes(50_000);
    await t.store.put(key, bytes, { contentType: "audio/wav" });
    const url = await t.store.presignGet(key);
    expect(url).toContain("X-Amz-Expires=300");

    const full = await fetch(url);
    expect(full.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await full.arrayBuffer()), bytes)).toBe(0);

    const part = await fetch(url, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/50000");
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), bytes.subarray(100, 200))).toBe(0);
  });

  it("presignGet can set the download name and content type", async () => {
    const key = transcriptKey(newId());
    await t.store.put(key, "{}", { contentType: "application/json" });
    const url = await t.store.presignGet(key, { downloadName: "Anruf März.json", contentType: "text/plain", expiresIn: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Anruf M_rz.json"; filename*=UTF-8''Anruf%20M%C3%A4rz.json`,
    );
  });

  it("presignPut accepts a browser-style PUT with the signed content type", async () => {
    const key = recordingKey(newId(), "ogg");
    const url = await t.store.presignPut(key, { contentType: "audio/ogg" });
    // WHEN_REQUIRED: no checksum of an empty body baked into the URL.
    expect(url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum-algorithm/i);
    const bytes = randomBytes(20_000);
    const res = await fetch(url, { method: "PUT", body: bytes, headers: { "Content-Type": "audio/ogg" } });
    expect(res.status).toBe(200);
    expect(await t.store.head(key)).toMatchObject({ size: 20_000, contentType: "audio/ogg" });
    expect(sha256(await t.store.get(key))).toBe(sha256(bytes));
  });

  it("signs with publicEndpoint when the browser reaches storage at another origin", async () => {
    const publicEndpoint = t.s3.endpoint.replace("127.0.0.1", "localhost");
    const split = createBlobStore({ ...t.options, publicEndpoint });
    try {
      const key = transcriptKey(newId());
      await split.put(key, "hello", { contentType: "text/plain" });
      const url = await split.presignGet(key);
      expect(url.startsWith(`${publicEndpoint}/${t.bucket}/`)).toBe(true);
      expect(await (await fetch(url)).text()).toBe("hello");
    } finally {
      split.destroy();
    }
  });

  it("rejects out-of-range expiry", async () => {
    await expect(t.store.presignGet(transcriptKey(newId()), { expiresIn: 8 * 24 * 3600 })).rejects.toThrow(RangeError);
  });
});

describe("browser multipart upload", () => {
  it("create, presign parts, PUT with fetch, complete: object equals the concatenation", async () => {
    const key = recordingKey(newId(), "wav");
    const uploadId = await t.store.createMultipartUpload(key, { contentType: "audio/wav" });
    const parts = [randomBytes(5 * MiB + 17), randomBytes(123_456)];

    const completed = [];
    // Upload in reverse order, as parallel browser uploads may finish; complete must sort.
    for (const partNumber of [2, 1]) {
      const url = await t.store.presignUploadPart(key, uploadId, partNumber);
      expect(url).not.toMatch(/x-amz-checksum/i);
      const body = parts[partNumber - 1];
      const res = await fetch(url, { method: "PUT", body });
      expect(res.status).toBe(200);
      const etag = res.headers.get("etag");
      expect(etag).toBeTruthy();
      completed.push({ partNumber, etag: etag ?? "" });
    }
    await t.store.completeMultipartUpload(key, uploadId, completed);

    const whole = Buffer.concat(parts);
    expect(await t.store.head(key)).toMatchObject({ size: whole.length, contentType: "audio/wav" });
    expect(sha256(await t.store.get(key))).toBe(sha256(whole));
  }, 60_000);

  it("abort discards the pending upload and is idempotent", async () => {
    const key = recordingKey(newId(), "wav");
    const uploadId = await t.store.createMultipartUpload(key, { contentType: "audio/wav" });
    const res = await fetch(await t.store.presignUploadPart(key, uploadId, 1), { method: "PUT", body: randomBytes(1000) });
    const etag = res.headers.get("etag") ?? "";
    const uploadDir = path.join(t.dataDir, t.bucket, "._S3rver_uploads", uploadId);
    await expect(access(uploadDir)).resolves.toBeUndefined();

    await t.store.abortMultipartUpload(key, uploadId);
    await expect(access(uploadDir)).rejects.toThrow();
    await expect(t.store.completeMultipartUpload(key, uploadId, [{ partNumber: 1, etag }])).rejects.toBeInstanceOf(
      StorageError,
    );
    expect(await t.store.exists(key)).toBe(false);
    await expect(t.store.abortMultipartUpload(key, uploadId)).resolves.toBeUndefined();
  });
});

