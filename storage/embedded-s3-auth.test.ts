/**
 * The embedded store refuses whatever is not signed with this installation's key
 * (decision 0014): anonymous, tampered, wrong-key and expired requests answer 403 and
 * change nothing, while the AWS SDK's signed requests and presigned URLs work as on S3.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { CREDENTIALS_FILE, startEmbeddedS3 } from "./embedded-s3";
import { recordingKey, transcriptKey } from "./keys";
import { NodeSha256 } from "./signature-check";
import { MiB, randomStream, sha256, embeddedS3ForTests } from "./test-s3";

const t = embeddedS3ForTests("parley-auth");
const newKey = () => transcriptKey(randomUUID());
const objectUrl = (key: string) => `${t.s3.endpoint}/${t.bucket}/${key}`;

async function seeded(body = "secret transcript"): Promise<string> {
  const key = newKey();
  await t.store.put(key, body, { contentType: "text/plain" });
  return key;
}

function clientWith(credentials: { accessKeyId: string; secretAccessKey: string }): S3Client {
  return new S3Client({ endpoint: t.s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials, maxAttempts: 1 });
}

describe("refused: 403 and nothing read or changed", () => {
  it("anonymous list, GET, HEAD, PUT and DELETE", async () => {
    const key = await seeded();
    const list = await fetch(`${t.s3.endpoint}/${t.bucket}`);
    expect(list.status).toBe(403);
    expect(await list.text()).toContain("<Code>AccessDenied</Code>");
    const listBuckets = await fetch(`${t.s3.endpoint}/`);
    expect(listBuckets.status).toBe(403);

    const get = await fetch(objectUrl(key));
    expect(get.status).toBe(403);
    expect(await get.text()).not.toContain("secret transcript");
    expect((await fetch(objectUrl(key), { method: "HEAD" })).status).toBe(403);

    const put = await fetch(objectUrl(key), { method: "PUT", body: "overwritten", headers: { "Content-Type": "text/plain" } });
    expect(put.status).toBe(403);
    const created = newKey();
    expect((await fetch(objectUrl(created), { method: "PUT", body: "planted" })).status).toBe(403);

    expect((await fetch(objectUrl(key), { method: "DELETE" })).status).toBe(403);

    expect(await t.store.getText(key)).toBe("secret transcript");
    expect(await t.store.exists(created)).toBe(false);
  });

  it("an anonymous AbortMultipartUpload leaves the upload to be completed", async () => {
    const key = recordingKey(randomUUID(), "wav");
    const uploadId = await t.store.createMultipartUpload(key, { contentType: "audio/wav" });
    const part = randomBytes(1024);
    const partUrl = await t.store.presignUploadPart(key, uploadId, 1);
    const etag = (await fetch(partUrl, { method: "PUT", body: part })).headers.get("etag") ?? "";

    const abort = await fetch(`${objectUrl(key)}?uploadId=${uploadId}`, { method: "DELETE" });
    expect(abort.status).toBe(403);

    await t.store.completeMultipartUpload(key, uploadId, [{ partNumber: 1, etag }]);
    expect(sha256(await t.store.get(key))).toBe(sha256(part));
  });

  it("presigned URLs with a zeroed signature, another key's path, a longer expiry or another method", async () => {
    const key = await seeded();
    const other = await seeded("another conversation");
    const url = new URL(await t.store.presignGet(key));
    expect((await fetch(url)).status).toBe(200);

    const zeroed = new URL(url);
    zeroed.searchParams.set("X-Amz-Signature", "0".repeat(64));
    const zeroedAnswer = await fetch(zeroed);
    expect(zeroedAnswer.status).toBe(403);
    expect(await zeroedAnswer.text()).toContain("<Code>SignatureDoesNotMatch</Code>");

    const otherPath = new URL(url);
    otherPath.pathname = `/${t.bucket}/${other}`;
    expect((await fetch(otherPath)).status).toBe(403);

    const longer = new URL(url);
    longer.searchParams.set("X-Amz-Expires", "604800");
    expect((await fetch(longer)).status).toBe(403);

    expect((await fetch(url, { method: "DELETE" })).status).toBe(403);
    expect((await fetch(url, { method: "PUT", body: "overwritten" })).status).toBe(403);
    expect(await t.store.getText(key)).toBe("secret transcript");
  });

  it("an expired presigned URL, and the same URL with its query string removed", async () => {
    const key = await seeded();
    const client = clientWith(t.s3);
    try {
      const expired = await getSignedUrl(client, new GetObjectCommand({ Bucket: t.bucket, Key: key }), {
        expiresIn: 60,
        signingDate: new Date(Date.now() - 10 * 60 * 1000),
      });
      const answer = await fetch(expired);
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain("Request has expired");
      expect((await fetch(expired.split("?")[0] ?? "")).status).toBe(403);
    } finally {
      client.destroy();
    }
  });

  it("clients holding s3rver's published credentials, or the right key with a wrong secret", async () => {
    const key = await seeded();
    for (const credentials of [
      { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      { accessKeyId: t.s3.accessKeyId, secretAccessKey: "not-the-secret" },
    ]) {
      const client = clientWith(credentials);
      try {
        const list = client.send(new ListObjectsCommand({ Bucket: t.bucket }));
        await expect(list).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
        await expect(client.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }))).rejects.toMatchObject({
          $metadata: { httpStatusCode: 403 },
        });
        await expect(
          client.send(new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "overwritten", ContentType: "text/plain" })),
        ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
        const presigned = await getSignedUrl(client, new GetObjectCommand({ Bucket: t.bucket, Key: key }));
        expect((await fetch(presigned)).status).toBe(403);
      } finally {
        client.destroy();
      }
    }
    expect(await t.store.getText(key)).toBe("secret transcript");
  });

  it("a header-signed request sent to another key, with a changed signed header, or replayed 20 minutes later", async () => {
    const key = await seeded();
    const other = await seeded("another conversation");
    const signed = await signHeaders("GET", key, { range: "bytes=0-5" });
    const control = await fetch(objectUrl(key), { headers: signed });
    expect(control.status).toBe(206);
    expect(await control.text()).toBe("secret");

    expect((await fetch(objectUrl(other), { headers: signed })).status).toBe(403);
    expect((await fetch(objectUrl(key), { headers: { ...signed, range: "bytes=0-99" } })).status).toBe(403);

    const late = await signHeaders("GET", key, {}, { signingDate: new Date(Date.now() - 20 * 60 * 1000) });
    const replayed = await fetch(objectUrl(key), { headers: late });
    expect(replayed.status).toBe(403);
    expect(await replayed.text()).toContain("<Code>RequestTimeTooSkewed</Code>");
  });

  it("Signature Version 2 URLs", async () => {
    const key = await seeded();
    const v2 = `${objectUrl(key)}?AWSAccessKeyId=${t.s3.accessKeyId}&Expires=${Math.floor(Date.now() / 1000) + 60}&Signature=abc`;
    expect((await fetch(v2)).status).toBe(403);
    const header = await fetch(objectUrl(key), { headers: { Authorization: `AWS ${t.s3.accessKeyId}:abc` } });
    expect(header.status).toBe(403);
  });
});

describe("accepted: what the AWS SDK signs", () => {
  it("GET, Range, HEAD, list, PUT and DELETE through the SDK", async () => {
    const key = newKey();
    const bytes = randomBytes(10_000);
    await t.store.put(key, bytes, { contentType: "application/octet-stream" });
    expect(sha256(await t.store.get(key))).toBe(sha256(bytes));
    expect(Buffer.compare(await t.store.getRange(key, 100, 199), bytes.subarray(100, 200))).toBe(0);
    expect(await t.store.head(key)).toMatchObject({ size: 10_000 });
    const listed = [];
    for await (const o of t.store.list(key)) listed.push(o.key);
    expect(listed).toEqual([key]);
    await t.store.delete(key);
    expect(await t.store.exists(key)).toBe(false);
  });

  it("a streamed multipart upload (lib-storage) and a browser-style presigned multipart upload", async () => {
    const streamed = recordingKey(randomUUID(), "wav");
    const source = randomStream(20 * MiB);
    expect(await t.store.putStream(streamed, source.stream, { contentType: "audio/wav" })).toEqual({ size: 20 * MiB });
    expect(sha256(await t.store.get(streamed))).toBe(source.digest());

    const key = recordingKey(randomUUID(), "wav");
    const parts = [randomBytes(5 * MiB), randomBytes(1000)];
    const uploadId = await t.store.createMultipartUpload(key, { contentType: "audio/wav" });
    const etags = [];
    for (const [index, part] of parts.entries()) {
      const answer = await fetch(await t.store.presignUploadPart(key, uploadId, index + 1), { method: "PUT", body: part });
      expect(answer.status).toBe(200);
      etags.push({ partNumber: index + 1, etag: answer.headers.get("etag") ?? "" });
    }
    await t.store.completeMultipartUpload(key, uploadId, etags);
    expect(sha256(await t.store.get(key))).toBe(sha256(Buffer.concat(parts)));

    const abandoned = await t.store.createMultipartUpload(recordingKey(randomUUID(), "wav"), { contentType: "audio/wav" });
    await expect(t.store.abortMultipartUpload(key, abandoned)).resolves.toBeUndefined();
  });

  it("presigned GET with Range, and presigned PUT", async () => {
    const key = await seeded();
    const range = await fetch(await t.store.presignGet(key), { headers: { Range: "bytes=7-16" } });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe("transcript");

    const target = recordingKey(randomUUID(), "ogg");
    const put = await fetch(await t.store.presignPut(target, { contentType: "audio/ogg" }), {
      method: "PUT",
      body: "ogg bytes",
      headers: { "Content-Type": "audio/ogg" },
    });
    expect(put.status).toBe(200);
    expect(await t.store.getText(target)).toBe("ogg bytes");
  });

  it("a header-signed PUT whose payload is UNSIGNED-PAYLOAD", async () => {
    const key = newKey();
    const headers = await signHeaders("PUT", key, { "content-type": "text/plain", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" });
    const put = await fetch(objectUrl(key), { method: "PUT", body: "streamed without a hash", headers });
    expect(put.status).toBe(200);
    expect(await t.store.getText(key)).toBe("streamed without a hash");
  });

  it("a CORS preflight, which carries no signature", async () => {
    const answer = await fetch(objectUrl(newKey()), {
      method: "OPTIONS",
      headers: { Origin: "http://parley.test:3000", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("the installation's key", () => {
  it("is made on first start, kept 0600 in the data folder, reused after a restart, and differs between installations", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "parley-s3-key-"));
    try {
      const dataDir = path.join(root, "a", "s3");
      const first = await startEmbeddedS3({ dataDir, bucket: "keyed" });
      await first.stop();
      const file = path.join(dataDir, CREDENTIALS_FILE);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const saved = JSON.parse(await readFile(file, "utf8")) as { accessKeyId: string; secretAccessKey: string };
      expect(saved).toEqual({ accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey });
      expect(first.accessKeyId).not.toBe("S3RVER");
      expect(first.secretAccessKey).not.toBe("S3RVER");
      expect(first.secretAccessKey.length).toBeGreaterThanOrEqual(40);

      const again = await startEmbeddedS3({ dataDir, bucket: "keyed" });
      await again.stop();
      expect(again.secretAccessKey).toBe(first.secretAccessKey);

      const elsewhere = await startEmbeddedS3({ dataDir: path.join(root, "b", "s3"), bucket: "keyed" });
      await elsewhere.stop();
      expect(elsewhere.secretAccessKey).not.toBe(first.secretAccessKey);
      expect(elsewhere.accessKeyId).not.toBe(first.accessKeyId);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

/** Headers for `method key`, signed in the Authorization header by the SDK's own signer. */
async function signHeaders(
  method: string,
  key: string,
  extra: Record<string, string>,
  { signingDate = new Date() }: { signingDate?: Date } = {},
): Promise<Record<string, string>> {
  const url = new URL(objectUrl(key));
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials: { accessKeyId: t.s3.accessKeyId, secretAccessKey: t.s3.secretAccessKey },
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, "x-amz-content-sha256": EMPTY_SHA256, ...extra },
    },
    { signingDate },
  );
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
