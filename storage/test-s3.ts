/**
 * Test support: a real embedded s3rver per test file, in a temp dir, plus a
 * blob store pointed at it. Not a mock — the point of these tests is that the
 * blob store speaks real S3 to the same server `npm start` embeds.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import { createBlobStore } from "./blob-store";
import { startEmbeddedS3 } from "./embedded-s3";
import type { EmbeddedS3 } from "./embedded-s3";
import type { BlobStore, BlobStoreOptions } from "./types";

export const MiB = 1024 * 1024;

export interface TestS3 {
  readonly bucket: string;
  readonly dataDir: string;
  readonly s3: EmbeddedS3;
  readonly options: BlobStoreOptions;
  readonly store: BlobStore;
}

/** Starts s3rver in beforeAll and tears it down in afterAll; read the fields inside tests only. */
export function embeddedS3ForTests(bucket = "parley-test"): TestS3 {
  let state: Omit<TestS3, "bucket"> | undefined;
  const get = () => {
    if (!state) throw new Error("embedded S3 not started: use the fields inside tests");
    return state;
  };
  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "parley-s3-"));
    const s3 = await startEmbeddedS3({ dataDir, bucket });
    const options: BlobStoreOptions = {
      endpoint: s3.endpoint,
      region: "us-east-1",
      bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
    };
    state = { dataDir, s3, options, store: createBlobStore(options) };
  });
  afterAll(async () => {
    if (!state) return;
    state.store.destroy();
    await state.s3.stop();
    await rm(state.dataDir, { recursive: true, force: true });
  });
  return {
    bucket,
    get dataDir() {
      return get().dataDir;
    },
    get s3() {
      return get().s3;
    },
    get options() {
      return get().options;
    },
    get store() {
      return get().store;
    },
  };
}

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A stream of `total` random bytes in uneven chunks, and the sha256 of what it produced. */
export function randomStream(total: number): { stream: Readable; digest: () => string } {
  const hash = createHash("sha256");
  function* chunks() {
    let left = total;
    while (left > 0) {
      const n = Math.min(left, 1 + Math.floor(Math.random() * 256 * 1024));
      const chunk = randomBytes(n);
      hash.update(chunk);
      left -= n;
      yield chunk;
    }
  }
  let digest: string | undefined;
  return { stream: Readable.from(chunks()), digest: () => (digest ??= hash.digest("hex")) };
}

export async function streamSha256(stream: Readable): Promise<{ hex: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hex: hash.digest("hex"), size };
}
