import type { z } from "zod";
import { formatBytes } from "../../lib/format";
import { nulInField, nulPath } from "../../lib/nul";
import { DomainError, fieldErrorsOf } from "../../lib/errors";

/**
 * Reads a JSON body: 415 for another content type, 413 above `maxBytes` (checked on
 * the declared length and again while reading), 400 for an empty or malformed body, 422 for a
 * NUL character anywhere in it (PostgreSQL cannot store one; app/lib/nul.ts).
 */
export async function readJsonBody(
  request: Request,
  { maxBytes, nulReadBy }: { maxBytes: number; /** Paths whose NULs the use case explains itself (see nulPath). */ nulReadBy?: (path: string) => boolean },
): Promise<unknown> {
  const type = request.headers.get("Content-Type");
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new DomainError("unsupported_media_type", `Send JSON with "Content-Type: application/json" (got "${type.slice(0, 80)}").`);
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readText(request, maxBytes);
  if (text.trim() === "") throw new DomainError("bad_request", "The request body is empty: send a JSON object.");
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  // "\u0000" is valid JSON but no text PostgreSQL stores (see app/lib/nul.ts).
  const nul = nulPath(body, "", nulReadBy);
  if (nul) throw nulInField(nul, "The request");
  return body;
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError("payload_too_large", `The request body is larger than the ${formatBytes(maxBytes)} limit.`);
}

/** Parses with `schema`; a failure is 422 with one message per field path (`transcript.content`, `tags.2`). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = "request"): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  throw new DomainError("invalid", describeFields(what, fields), fields);
}

/** One message per field path of the request (`transcript.content`, `tags.2`), the first issue of each path winning. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  return fieldErrorsOf(error.issues, { root: "body", message: (issue) => (/received undefined$/.test(issue.message) ? "is required" : issue.message) });
}

export function describeFields(what: string, fields: Record<string, string>): string {
  const entries = Object.entries(fields);
  const shown = entries.slice(0, 3).map(([path, message]) => `${path}: ${message}`);
  const more = entries.length > 3 ? `; and ${entries.length - 3} more` : "";
  return `The ${what} has ${entries.length === 1 ? "an invalid field" : `${entries.length} invalid fields`}: ${shown.join("; ")}${more}.`;
}

/** A transcript file sent as text: its NULs mean UTF-16 read as UTF-8, which the importer explains. */
export const transcriptContentPath = (path: string): boolean => /(^|\.)transcript\.content$/.test(path);
