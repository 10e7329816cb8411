/**
 * The one CORS rule Parley's bucket needs, shared by `ensureBucket` (S3 API)
 * and the embedded server (s3rver's XML bucket config) so both say the same.
 *
 * Browsers talk to storage directly: the waveform player GETs with `Range`,
 * uploads PUT presigned URLs (single or multipart) with a `Content-Type`.
 * Authorisation travels in the presigned query string, so no auth headers need
 * allowing. `ETag` must be exposed or the browser cannot read the part ETags
 * that CompleteMultipartUpload requires.
 */
import type { CORSRule } from "@aws-sdk/client-s3";

export const CORS_ALLOWED_METHODS = ["GET", "HEAD", "PUT"] as const;
export const CORS_ALLOWED_HEADERS = ["Range", "Content-Type"] as const;
export const CORS_EXPOSE_HEADERS = ["ETag", "Content-Length", "Content-Range", "Accept-Ranges"] as const;
export const CORS_MAX_AGE_SECONDS = 3600;

export function corsRule(origins: readonly string[]): CORSRule {
  return {
    AllowedOrigins: [...origins],
    AllowedMethods: [...CORS_ALLOWED_METHODS],
    AllowedHeaders: [...CORS_ALLOWED_HEADERS],
    ExposeHeaders: [...CORS_EXPOSE_HEADERS],
    MaxAgeSeconds: CORS_MAX_AGE_SECONDS,
  };
}

/** The same rule as a `CORSConfiguration` document, the form s3rver's `configureBuckets` takes. */
export function corsXml(origins: readonly string[]): string {
  const el = (tag: string, values: readonly string[]) =>
    values.map((v) => `<${tag}>${escapeXml(v)}</${tag}>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>` +
    el("AllowedOrigin", origins) +
    el("AllowedMethod", CORS_ALLOWED_METHODS) +
    el("AllowedHeader", CORS_ALLOWED_HEADERS) +
    el("ExposeHeader", CORS_EXPOSE_HEADERS) +
    `<MaxAgeSeconds>${CORS_MAX_AGE_SECONDS}</MaxAgeSeconds>` +
    `</CORSRule></CORSConfiguration>`
  );
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
