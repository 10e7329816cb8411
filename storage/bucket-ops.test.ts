/** Bucket provisioning, CORS, health and the embedded server's lifecycle (see test-s3.ts). */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBlobStore } from "./blob-store";
import { startEmbeddedS3 } from "./embedded-s3";
import type { EmbeddedS3 } from "./embedded-s3";
import { transcriptKey } from "./keys";
import { embeddedS3ForTests } from "./test-s3";

const t = embeddedS3ForTests();
const newId = () => randomUUID();

describe("bucket setup and health", () => {
  const preflight = (endpoint: string, bucket: string, origin: string) =>
    fetch(`${endpoint}/${bucket}/interactions/x/recording.wav`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "content-type",
      },
    });

  it("the embedded server answers CORS preflights for presigned PUTs", async () => {
    const res = await preflight(t.s3.endpoint, t.bucket, "http://localhost:3000");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeTruthy();
    expect(res.headers.get("access-control-allow-methods")).toContain("PUT");
  });

  it("exposes ETag to cross-origin reads (needed for multipart)", async () => {
    const key = transcriptKey(newId());
    await t.store.put(key, "{}", { contentType: "application/json" });
    const res = await fetch(await t.store.presignGet(key), { headers: { Origin: "http://localhost:3000" } });
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
  });

  it("ensureBucket creates a missing bucket with the CORS rule, and is repeatable", async () => {
    const other = createBlobStore({ ...t.options, bucket: "parley-ensure" });
    try {
      await expect(other.ping()).rejects.toThrow(/bucket does not exist/);
      expect(await other.ensureBucket({ corsOrigins: ["https://qa.example.com"] })).toEqual({
        created: true,
        corsApplied: true,
      });
      expect(await other.ping()).toBe(true);
      expect((await preflight(t.s3.endpoint, "parley-ensure", "https://qa.example.com")).status).toBe(200);
      expect((await preflight(t.s3.endpoint, "parley-ensure", "https://evil.example.com")).status).toBe(403);
      expect(await other.ensureBucket({ corsOrigins: ["https://qa.example.com"] })).toEqual({
        created: false,
        corsApplied: true,
      });
    } finally {
      other.destroy();
    }
  });

  it("ping reports an unreachable endpoint usefully", async () => {
    const down = createBlobStore({ ...t.options, endpoint: "http://127.0.0.1:9" });
    try {
      await expect(down.ping({ timeoutMs: 3000 })).rejects.toThrow(/storage ping failed.*unreachable/);
    } finally {
      down.destroy();
    }
  });

  it("creates its data folder and keeps data across a restart", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "parley-s3-restart-"));
    const dir = path.join(root, "nested", "s3");
    let first: EmbeddedS3 | undefined = await startEmbeddedS3({ dataDir: dir, bucket: "restart" });
    try {
      const a = createBlobStore({ ...t.options, ...creds(first), bucket: "restart" });
      await a.put("k.txt", "persisted", { contentType: "text/plain" });
      a.destroy();
      await first.stop();
      first = await startEmbeddedS3({ dataDir: dir, bucket: "restart" });
      const b = createBlobStore({ ...t.options, ...creds(first), bucket: "restart" });
      expect(await b.getText("k.txt")).toBe("persisted");
      b.destroy();
    } finally {
      await first?.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});

function creds(e: EmbeddedS3) {
  return { endpoint: e.endpoint, accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey };
}

describe("request shape for strict S3 clones", () => {
  // A tiny fake endpoint that records what the SDK sends for DeleteObjects:
  // s3rver accepts anything, older MinIO demands Content-MD5.
  it("DeleteObjects carries Content-MD5 and no flexible checksum headers", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const fake = http.createServer((req, res) => {
      req.resume();
      res.setHeader("Content-Type", "application/xml");
      if (req.method === "GET") {
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><Prefix>p/</Prefix><KeyCount>1</KeyCount>` +
            `<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>p/x</Key><Size>1</Size>` +
            `<LastModified>2024-01-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>`,
        );
      } else {
        seen.push(req.headers);
        res.end(`<?xml version="1.0" encoding="UTF-8"?><DeleteResult></DeleteResult>`);
      }
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    const port = (fake.address() as AddressInfo).port;
    const strict = createBlobStore({ ...t.options, endpoint: `http://127.0.0.1:${port}`, bucket: "bucket" });
    try {
      expect(await strict.deletePrefix("p/")).toBe(1);
      expect(seen).toHaveLength(1);
      const headers = seen[0] ?? {};
      expect(headers["content-md5"]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Object.keys(headers).filter((h) => h.startsWith("x-amz-checksum-"))).toEqual([]);
      expect(headers["x-amz-sdk-checksum-algorithm"]).toBeUndefined();
    } finally {
      strict.destroy();
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });
});
