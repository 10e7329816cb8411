import { getConfig } from "../../server/config";

/** The origin people reach Parley at: PUBLIC_URL when set, else the one this request came in on. */
export function publicOrigin(request: Request): string {
  const publicUrl = getConfig().PUBLIC_URL;
  return publicUrl ? new URL(publicUrl).origin : new URL(request.url).origin;
}

/**
 * A URL handed to a client outside Parley's pages (the API), made absolute. Presigned URLs
 * of the embedded store are relative to the app's origin (decision 0014); a page resolves
 * them itself, an API client needs the origin it called.
 */
export function absoluteUrl(url: string, request: Request): string {
  return url.startsWith("/") ? `${publicOrigin(request)}${url}` : url;
}
