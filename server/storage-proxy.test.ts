/**
 * The embedded store through the app's origin (decision 0014): a real s3rver behind the
 * real proxy in an Express app. The blob store hands out relative presigned URLs, which
 * work whatever name the app was reached at, and the store's signature check still
 * decides every request that comes through.
 */
import { randomBytes, randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBlobStore } from "../storage/blob-store";
import { recordingKey, transcriptKey } from "../storage/keys";
import { MiB, embeddedS3ForTests, sha256 } from "../storage/test-s3";
import type { BlobStore } from "../storage/types";
import { STORAGE_PATH } from "./config";
import { storageProxy } from "./storage-proxy";

const t = embeddedS3ForTests("parley-proxy");
let server: Server;
let port: number;
let store: BlobStore;

beforeAll(async () => {
  const app = express();
  app.use(STORAGE_PATH, storageProxy(t.s3.endpoint, pino({ level: "silent" })));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
  store = createBlobStore({ ...t.options, browserPath: STORAGE_PATH });
});

afterAll(async () => {
  store?.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const at = (host: string, url: string) => `http://${host}:${port}${url}`;

describe("the embedded store on the app's origin", () => {
  it("presigned URLs are relative to the page, under /storage", async () => {
    const url = await store.presignGet(transcriptKey(randomUUID()));
    expect(url).toMatch(new RegExp(`^/storage/${t.bucket}/interactions/[0-9a-f-]+/transcript\\.json\\?X-Amz-`));
  });

  it("plays by any name the app is reached at, with Range, and marks objects as never a page of the app", async () => {
    const key = recordingKey(randomUUID(), "wav");
    const bytes = randomBytes(100_000);
    await t.store.put(key, bytes, { contentType: "audio/wav" });
    const url = await store.presignGet(key);
    for (const host of ["127.0.0.1", "localhost"]) {
      const full = await fetch(at(host, url));
      expect(full.status).toBe(200);
      expect(sha256(Buffer.from(await full.arrayBuffer()))).toBe(sha256(bytes));
      expect(full.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
      expect(full.headers.get("x-content-type-options")).toBe("nosniff");

      const part = await fetch(at(host, url), { headers: { Range: "bytes=1000-1999" } });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toBe("bytes 1000-1999/100000");
      expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), bytes.subarray(1000, 2000))).toBe(0);
    }
  });

  it("uploads with a presigned PUT and a presigned multipart upload, reading the part ETags", async () => {
    const single = recordingKey(randomUUID(), "ogg");
    const put = await fetch(at("localhost", await store.presignPut(single, { contentType: "audio/ogg" })), {
      method: "PUT",
      body: "ogg bytes",
      headers: { "Content-Type": "audio/ogg", Cookie: "parley_session=must-not-reach-storage" },
    });
    expect(put.status).toBe(200);
    expect(await t.store.getText(single)).toBe("ogg bytes");

    const key = recordingKey(randomUUID(), "wav");
    const parts = [randomBytes(5 * MiB), randomBytes(3 * MiB)];
    const uploadId = await store.createMultipartUpload(key, { contentType: "audio/wav" });
    const done = [];
    for (const [index, body] of parts.entries()) {
      const answer = await fetch(at("127.0.0.1", await store.presignUploadPart(key, uploadId, index + 1)), { method: "PUT", body });
      expect(answer.status).toBe(200);
      done.push({ partNumber: index + 1, etag: answer.headers.get("etag") ?? "" });
    }
    await store.completeMultipartUpload(key, uploadId, done);
    expect(sha256(await t.store.get(key))).toBe(sha256(Buffer.concat(parts)));
  });

  it("passes on the store's refusals: unsigned, tampered and expired requests answer 403", async () => {
    const key = transcriptKey(randomUUID());
    await t.store.put(key, "secret transcript", { contentType: "application/json" });
    const unsigned = await fetch(at("127.0.0.1", `${STORAGE_PATH}/${t.bucket}/${key}`));
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).not.toContain("secret transcript");
    expect((await fetch(at("127.0.0.1", `${STORAGE_PATH}/${t.bucket}`))).status).toBe(403);
    expect((await fetch(at("127.0.0.1", `${STORAGE_PATH}/${t.bucket}/${key}`), { method: "PUT", body: "x" })).status).toBe(403);

    const url = await store.presignGet(key, { expiresIn: 60 });
    const tampered = url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${"0".repeat(64)}`);
    expect((await fetch(at("127.0.0.1", tampered))).status).toBe(403);
    expect(await t.store.getText(key)).toBe("secret transcript");
  });

  it("answers 502 when the store is gone, and the app keeps serving", async () => {
    const app = express();
    app.use(STORAGE_PATH, storageProxy("http://127.0.0.1:9", pino({ level: "silent" })));
    app.get("/alive", (_req, res) => res.send("yes"));
    const down = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => down.once("listening", resolve));
    const downPort = (down.address() as AddressInfo).port;
    try {
      const answer = await fetch(`http://127.0.0.1:${downPort}${STORAGE_PATH}/${t.bucket}/x`);
      expect(answer.status).toBe(502);
      expect(await answer.text()).toBe("The storage server is not reachable.");
      expect(await (await fetch(`http://127.0.0.1:${downPort}/alive`)).text()).toBe("yes");
    } finally {
      down.closeAllConnections();
      await new Promise((resolve) => down.close(resolve));
    }
  });

  it("sends the store its own host and none of the page's cookies", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const upstream = http.createServer((req, res) => {
      seen.push(req.headers);
      res.end("ok");
    });
    upstream.listen(0, "127.0.0.1");
    await new Promise((resolve) => upstream.once("listening", resolve));
    const upstreamHost = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const app = express();
    app.use(STORAGE_PATH, storageProxy(`http://${upstreamHost}`, pino({ level: "silent" })));
    const front = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => front.once("listening", resolve));
    try {
      const url = `http://localhost:${(front.address() as AddressInfo).port}${STORAGE_PATH}/b/k?x=1`;
      const answer = await fetch(url, { headers: { Cookie: "parley_session=secret", Range: "bytes=0-1" } });
      expect(await answer.text()).toBe("ok");
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ host: upstreamHost, range: "bytes=0-1" });
      expect(seen[0]?.cookie).toBeUndefined();
    } finally {
      for (const s of [front, upstream]) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(resolve));
      }
    }
  });
});
