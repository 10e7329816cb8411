import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { DomainError } from "../app/lib/errors";
import { apiErrorBody } from "../app/lib/errors.server";
import { formatBytes } from "../app/lib/format";

/**
 * Security headers. Scripts run only with this response's nonce (Remix's inline
 * hydration script carries it); media and uploads may reach the storage origin,
 * because the browser plays and uploads through presigned URLs straight to S3.
 * The embedded store is served on the app's own origin (decision 0014): 'self'
 * covers it, and `storageOrigin` is then null.
 */
export function securityHeaders({ storageOrigin, development }: { storageOrigin: string | null; development: boolean }) {
  const storage = storageOrigin ? [storageOrigin] : [];
  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
          // wavesurfer.js and tiptap set inline styles on the elements they draw.
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'"],
          "media-src": ["'self'", "blob:", ...storage],
          "connect-src": ["'self'", ...storage, ...(development ? ["ws:"] : [])],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'self'"],
          "object-src": ["'none'"],
        },
      },
      // Presigned media from the storage origin must load in <audio>.
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
      referrerPolicy: { policy: "same-origin" },
    }),
  ];
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Central CSRF defence for every mutating request (the per-form token is checked
 * again in actions): a browser request that a different site started is refused
 * by its Sec-Fetch-Site / Origin headers. Bearer-token API calls carry no cookie
 * authority and are exempt.
 */
export function rejectCrossSiteWrites(publicOrigin: string | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method) || req.path.startsWith("/api/")) return next();
    const fetchSite = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const expected = publicOrigin ?? `${req.protocol}://${req.get("host") ?? ""}`;
    const crossSite = (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") || (origin && origin !== expected);
    if (crossSite) {
      res.status(403).type("text/plain").send("Cross-site form submissions are not accepted.");
      return;
    }
    next();
  };
}

/**
 * Bodies are capped before Remix reads them. Forms always send Content-Length;
 * large files never reach Remix (they go to storage by presigned URL; the embedded
 * store's proxy is mounted before this check and streams them).
 */
export function limitRequestBodies(limitBytes: number, largeBodies: { paths: string[]; limitBytes: number } = { paths: [], limitBytes }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    // Transcript files (up to MAX_TRANSCRIPT_MB) come through the import form and the
    // API's single and batch imports: one limit for all of them (docs/api.md).
    const limit = largeBodies.paths.includes(req.path) ? largeBodies.limitBytes : limitBytes;
    const length = req.get("content-length");
    if (length === undefined) {
      if (req.get("transfer-encoding")) {
        res.status(411).type("text/plain").send("Send a Content-Length with the request body.");
        return;
      }
      return next();
    }
    if (Number(length) > limit) {
      const message = `The request body is larger than the ${formatBytes(limit)} limit.`;
      // API clients get the API's error shape and code (docs/api.md); browsers get text.
      if (req.path.startsWith("/api/")) res.status(413).json({ error: apiErrorBody(new DomainError("payload_too_large", message)) });
      else res.status(413).type("text/plain").send(message);
      return;
    }
    next();
  };
}
