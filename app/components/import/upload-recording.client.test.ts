import { describe, expect, it } from "vitest";
import { UploadAborted, UploadError, uploadRecording, type PutRequest, type PutTransport, type UploadPlan } from "./upload-recording.client";

/** A file whose bytes say where they are, so a part's body shows which slice it is. */
function file(size: number): Blob {
  return new Blob([Uint8Array.from({ length: size }, (_, index) => index % 251)]);
}

function multipartPlan(count: number, partSize: number): UploadPlan {
  return {
    uploadId: "0b6f8f0e-5d7c-4d44-9a53-2f4b8f3c1a10",
    multipart: { partSize, parts: Array.from({ length: count }, (_, index) => ({ partNumber: index + 1, url: `https://s3.test/part/${index + 1}` })) },
  };
}

const partOf = (request: PutRequest) => Number(/part\/(\d+)$/.exec(request.url)?.[1]);

interface FakeOptions {
  /** How many times each part fails (with a retryable network error) before it succeeds. */
  failures?: Record<number, number>;
  /** Parts that storage refuses outright. */
  refuse?: Record<number, UploadError>;
  etag?: (part: number) => string | null;
}

/** A storage stand-in: records every PUT, reports progress in two steps, tracks concurrency. */
function fakeStorage({ failures = {}, refuse = {}, etag = (part) => `"etag-${part}"` }: FakeOptions = {}) {
  const calls: PutRequest[] = [];
  const left = { ...failures };
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: PutTransport = async (request) => {
    calls.push(request);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (request.signal.aborted) throw new UploadAborted();
      request.onProgress(Math.floor(request.body.size / 2));
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (request.signal.aborted) throw new UploadAborted();
      const part = partOf(request);
      const refusal = refuse[part];
      if (refusal) throw refusal;
      if ((left[part] ?? 0) > 0) {
        left[part] = (left[part] ?? 0) - 1;
        throw new UploadError("The connection to storage was lost.", true);
      }
      request.onProgress(request.body.size);
      return { etag: etag(part) };
    } finally {
      inFlight--;
    }
  };
  return { transport, calls, maxInFlight: () => maxInFlight, putsOf: (part: number) => calls.filter((call) => partOf(call) === part).length };
}

function progressLog() {
  const seen: Array<[number, number]> = [];
  return { seen, onProgress: (loaded: number, total: number) => void seen.push([loaded, total]) };
}

describe("uploadRecording: one PUT", () => {
  it("PUTs the whole file with the plan's headers and reports progress up to the size", async () => {
    const storage = fakeStorage();
    const progress = progressLog();
    const body = file(1000);
    const result = await uploadRecording(
      body,
      { uploadId: "u", single: { method: "PUT", url: "https://s3.test/object", headers: { "Content-Type": "audio/wav" } } },
      { done: new Map(), signal: new AbortController().signal, transport: storage.transport, retryDelayMs: 0, ...progress },
    );
    expect(result).toBeUndefined();
    expect(storage.calls).toHaveLength(1);
    expect(storage.calls[0]).toMatchObject({ url: "https://s3.test/object", headers: { "Content-Type": "audio/wav" }, body });
    expect(progress.seen.at(-1)).toEqual([1000, 1000]);
    expect(progress.seen.map(([loaded]) => loaded)).toContain(500);
  });

  it("retries a dropped connection and gives up after three retries", async () => {
    let attempts = 0;
    const failing: PutTransport = () => {
      attempts++;
      return Promise.reject(new UploadError("The connection to storage was lost.", true));
    };
    const plan: UploadPlan = { uploadId: "u", single: { method: "PUT", url: "https://s3.test/object", headers: {} } };
    await expect(
      uploadRecording(file(10), plan, { done: new Map(), signal: new AbortController().signal, transport: failing, retryDelayMs: 0, onProgress: () => {} }),
    ).rejects.toThrow("The connection to storage was lost.");
    expect(attempts).toBe(4);
  });
});

describe("uploadRecording: multipart", () => {
  it("slices the file per partSize, keeps three parts in flight and returns every ETag in part order", async () => {
    const storage = fakeStorage();
    const progress = progressLog();
    const body = file(1050);
    const done = new Map<number, string>();
    const parts = await uploadRecording(body, multipartPlan(11, 100), {
      done,
      signal: new AbortController().signal,
      transport: storage.transport,
      retryDelayMs: 0,
      ...progress,
    });
    expect(parts).toEqual(Array.from({ length: 11 }, (_, index) => ({ partNumber: index + 1, etag: `"etag-${index + 1}"` })));
    expect(storage.maxInFlight()).toBe(3);
    const sizes = Object.fromEntries(storage.calls.map((call) => [partOf(call), call.body.size]));
    expect(sizes).toEqual({ 1: 100, 2: 100, 3: 100, 4: 100, 5: 100, 6: 100, 7: 100, 8: 100, 9: 100, 10: 100, 11: 50 });
    const third = storage.calls.find((call) => partOf(call) === 3);
    expect(new Uint8Array(await (third as PutRequest).body.arrayBuffer())[0]).toBe(200 % 251);
    expect(done.size).toBe(11);
    // Progress never runs backwards and ends at the size.
    const loaded = progress.seen.map(([bytes]) => bytes);
    expect(loaded.every((bytes, index) => index === 0 || bytes >= (loaded[index - 1] ?? 0))).toBe(true);
    expect(progress.seen.at(-1)).toEqual([1050, 1050]);
  });

  it("retries a failed part up to three times", async () => {
    const storage = fakeStorage({ failures: { 2: 3 } });
    const parts = await uploadRecording(file(300), multipartPlan(3, 100), {
      done: new Map(),
      signal: new AbortController().signal,
      transport: storage.transport,
      retryDelayMs: 0,
      onProgress: () => {},
    });
    expect(parts).toHaveLength(3);
    expect(storage.putsOf(2)).toBe(4);
    expect(storage.putsOf(1)).toBe(1);
  });

  it("fails after the fourth attempt, keeps the finished parts, and a second run PUTs only what is missing", async () => {
    const storage = fakeStorage({ failures: { 2: 4 } });
    const done = new Map<number, string>();
    const options = { done, signal: new AbortController().signal, transport: storage.transport, retryDelayMs: 0, onProgress: () => {} };
    await expect(uploadRecording(file(500), multipartPlan(5, 100), options)).rejects.toBeInstanceOf(UploadError);
    expect(storage.putsOf(2)).toBe(4);
    expect(done.has(2)).toBe(false);
    expect(done.has(1)).toBe(true);
    const missing = [1, 2, 3, 4, 5].filter((part) => !done.has(part));
    const before = storage.calls.length;

    const progress = progressLog();
    const parts = await uploadRecording(file(500), multipartPlan(5, 100), { ...options, ...progress });
    expect(storage.calls.slice(before).map(partOf).sort()).toEqual(missing);
    expect(parts?.map((part) => part.partNumber)).toEqual([1, 2, 3, 4, 5]);
    // The resumed run starts from the bytes already stored, not from zero.
    expect(progress.seen[0]?.[0]).toBeGreaterThan(0);
  });

  it("does not retry a refusal (an expired link) and says what storage said", async () => {
    const storage = fakeStorage({ refuse: { 1: new UploadError("Storage refused the upload (AccessDenied).", false, 403) } });
    await expect(
      uploadRecording(file(100), multipartPlan(1, 100), {
        done: new Map(),
        signal: new AbortController().signal,
        transport: storage.transport,
        retryDelayMs: 0,
        onProgress: () => {},
      }),
    ).rejects.toThrow("AccessDenied");
    expect(storage.putsOf(1)).toBe(1);
  });

  it("explains a missing ETag as the storage CORS rule not exposing it", async () => {
    const storage = fakeStorage({ etag: () => null });
    await expect(
      uploadRecording(file(100), multipartPlan(1, 100), {
        done: new Map(),
        signal: new AbortController().signal,
        transport: storage.transport,
        retryDelayMs: 0,
        onProgress: () => {},
      }),
    ).rejects.toThrow(/CORS rule must expose the ETag header/);
  });

  it("refuses a plan whose part count does not fit the file (another file was chosen)", async () => {
    await expect(
      uploadRecording(file(1000), multipartPlan(2, 100), { done: new Map(), signal: new AbortController().signal, onProgress: () => {} }),
    ).rejects.toThrow(/planned for 2 parts but the file needs 10/);
  });

  it("stops every part in flight on Cancel", async () => {
    const storage = fakeStorage();
    const controller = new AbortController();
    const running = uploadRecording(file(1000), multipartPlan(10, 100), {
      done: new Map(),
      signal: controller.signal,
      transport: storage.transport,
      retryDelayMs: 0,
      onProgress: () => {},
    });
    await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(UploadAborted);
    expect(storage.calls.length).toBeLessThan(10);
    expect(storage.calls.every((call) => call.signal.aborted)).toBe(true);
  });
});
