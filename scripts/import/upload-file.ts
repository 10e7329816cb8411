/**
 * Sends a recording from disk to the presigned URLs of an upload plan (POST
 * /api/v1/uploads, or startRecordingUpload in direct mode): one PUT, or one per part.
 * Bytes are streamed from the file with an exact Content-Length, so memory stays flat
 * whatever the size, and a failed part is retried on its own.
 */
import { createReadStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { UploadPlanJson } from "../../app/modules/api/api.schema";

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

const PARTS_IN_FLIGHT = 4;
const ATTEMPTS = 3;

/** Uploads `file` (of `size` bytes) per `plan`; returns the parts to finish a multipart upload. */
export async function uploadRecording(
  plan: UploadPlanJson,
  file: string,
  size: number,
  onBytes: (bytes: number) => void = () => {},
): Promise<CompletedPart[] | undefined> {
  if (plan.single) {
    await withRetry(() => putFromFile(plan.single?.url ?? "", file, { start: 0, end: size - 1, headers: plan.single?.headers ?? {}, onBytes }));
    return undefined;
  }
  const multipart = plan.multipart;
  if (!multipart) throw new Error("The upload plan has neither a single PUT nor parts.");
  const parts: CompletedPart[] = [];
  let next = 0;
  async function lane() {
    while (next < (multipart?.parts.length ?? 0)) {
      const part = multipart?.parts[next++];
      if (!part || !multipart) return;
      const start = (part.partNumber - 1) * multipart.partSize;
      const end = Math.min(size, start + multipart.partSize) - 1;
      const etag = await withRetry(() => putFromFile(part.url, file, { start, end, headers: {}, onBytes }));
      parts.push({ partNumber: part.partNumber, etag: etag ?? "" });
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, multipart.parts.length) }, lane));
  return parts.sort((a, b) => a.partNumber - b.partNumber);
}

/** One PUT of bytes [start, end] of the file; resolves with the ETag storage answered. */
export function putFromFile(
  url: string,
  file: string,
  { start, end, headers, onBytes }: { start: number; end: number; headers: Record<string, string>; onBytes?: (bytes: number) => void },
): Promise<string | null> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method: "PUT", headers: { ...headers, "Content-Length": String(end - start + 1) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(response.headers.etag ?? null);
          else reject(new UploadError(status, `storage answered ${status} to a recording PUT: ${Buffer.concat(chunks).toString("utf8").slice(0, 300)}`));
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    const stream = createReadStream(file, { start, end, highWaterMark: 1024 * 1024 });
    if (onBytes) stream.on("data", (chunk) => onBytes(chunk.length));
    stream.on("error", (error) => request.destroy(error));
    stream.pipe(request);
  });
}

export class UploadError extends Error {
  override name = "UploadError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Retries network failures and 5xx answers; a 4xx (an expired URL, a refused size) will not improve. */
async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const permanent = error instanceof UploadError && error.status < 500;
      if (permanent || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}
