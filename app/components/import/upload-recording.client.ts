/**
 * Browser → storage upload of a recording with presigned URLs (DESIGN.md "Storage
 * layout"): one PUT, or a multipart upload with the file sliced per `partSize`, three
 * parts in flight, each failed part retried up to three times. Finished parts are kept
 * in `done` (part number → ETag), so "Try again" after a dropped connection PUTs only
 * the parts that are missing. XMLHttpRequest rather than fetch: only it reports upload
 * progress.
 */
import { partRanges } from "./upload-math";

export interface UploadPlan {
  uploadId: string;
  single?: { method: "PUT"; url: string; headers: Record<string, string> };
  multipart?: { partSize: number; parts: { partNumber: number; url: string }[] };
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

export interface PutRequest {
  url: string;
  body: Blob;
  headers: Record<string, string>;
  /** Bytes of this request's body sent so far. */
  onProgress: (loaded: number) => void;
  signal: AbortSignal;
}

/** Sends one PUT; resolves with the response's ETag header, rejects with UploadError or UploadAborted. */
export type PutTransport = (request: PutRequest) => Promise<{ etag: string | null }>;

export class UploadError extends Error {
  override name = "UploadError";
  constructor(
    message: string,
    /** A dropped connection or a storage hiccup (5xx, 408, 429) is worth retrying; a refusal is not. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class UploadAborted extends Error {
  override name = "UploadAborted";
  constructor() {
    super("The upload was cancelled.");
  }
}

export interface UploadOptions {
  /** Part number → ETag of parts already stored; filled in as parts finish. */
  done: Map<number, string>;
  /** Bytes of the whole file that have reached storage (finished parts plus parts in flight). */
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
  concurrency?: number;
  /** Retries per part after its first attempt. */
  retries?: number;
  /** Wait before retry n is n × this. */
  retryDelayMs?: number;
  transport?: PutTransport;
}

/**
 * Uploads `file` as the plan says. Resolves with the parts to finish a multipart upload
 * with (in part order), or `undefined` for a single PUT. Rejects with UploadAborted
 * when `signal` aborts, or with the first part's UploadError once the other parts in
 * flight have settled (their ETags stay in `done`).
 */
export async function uploadRecording(file: Blob, plan: UploadPlan, options: UploadOptions): Promise<UploadedPart[] | undefined> {
  const { done, onProgress, signal, concurrency = 3, retries = 3, retryDelayMs = 500, transport = xhrTransport } = options;
  const total = file.size;
  if (signal.aborted) throw new UploadAborted();

  if (plan.single) {
    const { url, headers } = plan.single;
    onProgress(0, total);
    await withRetries(retries, retryDelayMs, signal, () =>
      transport({ url, body: file, headers, signal, onProgress: (loaded) => onProgress(Math.min(loaded, total), total) }),
    );
    onProgress(total, total);
    return undefined;
  }
  if (!plan.multipart) throw new UploadError("The server did not say how to upload the recording.", false);

  const { partSize, parts } = plan.multipart;
  const urls = new Map(parts.map((part) => [part.partNumber, part.url]));
  const ranges = partRanges(total, partSize);
  if (ranges.length !== parts.length) {
    throw new UploadError(`The upload was planned for ${parts.length} parts but the file needs ${ranges.length}; choose the file again.`, false);
  }
  const sizeOf = new Map(ranges.map((range) => [range.partNumber, range.end - range.start]));
  const inFlight = new Map<number, number>();
  let finishedBytes = ranges.filter((range) => done.has(range.partNumber)).reduce((sum, range) => sum + (range.end - range.start), 0);
  const report = () => {
    let loaded = finishedBytes;
    for (const bytes of inFlight.values()) loaded += bytes;
    onProgress(Math.min(loaded, total), total);
  };
  report();

  const queue = ranges.filter((range) => !done.has(range.partNumber));
  let failure: unknown = null;
  const worker = async () => {
    for (let range = queue.shift(); range && failure === null; range = queue.shift()) {
      const { partNumber } = range;
      const body = file.slice(range.start, range.end);
      const url = urls.get(partNumber) ?? "";
      try {
        const { etag } = await withRetries(retries, retryDelayMs, signal, () => {
          inFlight.set(partNumber, 0);
          report();
          return transport({
            url,
            body,
            headers: {},
            signal,
            onProgress: (loaded) => {
              inFlight.set(partNumber, Math.min(loaded, sizeOf.get(partNumber) ?? loaded));
              report();
            },
          });
        });
        if (!etag) {
          throw new UploadError("Storage did not return the part's ETag. Its CORS rule must expose the ETag header.", false);
        }
        done.set(partNumber, etag);
        finishedBytes += sizeOf.get(partNumber) ?? 0;
      } catch (error) {
        failure ??= error;
      } finally {
        inFlight.delete(partNumber);
        report();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  if (signal.aborted) throw new UploadAborted();
  if (failure !== null) throw failure;
  return [...done.entries()].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag }));
}

async function withRetries<T>(
  retries: number,
  delayMs: number,
  signal: AbortSignal,
  attemptOnce: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (error) {
      if (signal.aborted || error instanceof UploadAborted) throw new UploadAborted();
      const retryable = error instanceof UploadError ? error.retryable : false;
      if (!retryable || attempt >= retries) throw error;
      await sleep(delayMs * (attempt + 1), signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UploadAborted());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** What a storage refusal says, for the person: S3's error code when the body has one. */
function describeRefusal(status: number, body: string): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  if (status === 403) return `Storage refused the upload (${code ?? "403 Forbidden"}). The upload link may have expired; choose the recording again.`;
  return `Storage answered ${status}${code ? ` (${code})` : ""}.`;
}

const retryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

/** One PUT with XMLHttpRequest, for `upload.onprogress`. */
export const xhrTransport: PutTransport = ({ url, body, headers, onProgress, signal }) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new UploadAborted());
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ etag: xhr.getResponseHeader("ETag") });
      else reject(new UploadError(describeRefusal(xhr.status, xhr.responseText), retryableStatus(xhr.status), xhr.status));
    };
    xhr.onerror = () => reject(new UploadError("The connection to storage was lost.", true));
    xhr.ontimeout = () => reject(new UploadError("Storage did not answer in time.", true));
    xhr.onabort = () => reject(new UploadAborted());
    xhr.onloadend = () => signal.removeEventListener("abort", abort);
    xhr.send(body);
  });
