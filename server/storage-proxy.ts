/**
 * The embedded object store, reached through the app's own origin (decision 0014).
 *
 * The embedded s3rver listens on loopback only, so a browser on another machine, or one
 * that opened Parley at another name than the store's, could not reach it. In embedded mode
 * the browser is handed relative presigned URLs (`/storage/<bucket>/<key>?X-Amz-…`) and this
 * handler passes them on to the store unchanged but for the Host header, which it sets to
 * the store's own: the URLs were signed for that host, so the store's signature check
 * (storage/signature-check.ts) still decides every request. Nothing is buffered: bodies
 * stream both ways with backpressure, so a 1 GiB upload costs the app a socket, not memory.
 */
import http from "node:http";
import { pipeline } from "node:stream";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "./logger";

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not to the request.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect"]);

/**
 * Objects are whatever was uploaded, served from the app's own origin: they must never run
 * as a page of it. `sandbox` gives a document opened from here an opaque origin with no
 * scripts, `nosniff` keeps an audio file from being read as HTML; <audio> and fetch()
 * are unaffected.
 */
const RESPONSE_GUARDS = {
  "content-security-policy": "sandbox; default-src 'none'",
  "x-content-type-options": "nosniff",
  "cross-origin-resource-policy": "same-origin",
  "referrer-policy": "no-referrer",
} as const;

export function storageProxy(endpoint: string, log: Logger): RequestHandler {
  const target = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  return (req: Request, res: Response) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      // The store takes no session: the page's cookies stay with the app.
      if (value === undefined || HOP_BY_HOP.has(name) || name === "cookie") continue;
      headers[name] = value;
    }
    headers.host = target.host;

    const upstream = http.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      // Below STORAGE_PATH, exactly as received: the signature covers the raw path.
      path: req.url,
      headers,
      agent,
    });

    upstream.on("response", (answer) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, { ...out, ...RESPONSE_GUARDS });
      pipeline(answer, res, (error) => {
        // The browser went away mid-download (seeking does that): nothing to answer.
        if (error) answer.destroy();
      });
    });

    upstream.on("error", (error) => {
      if (res.destroyed || res.writableEnded) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      log.warn({ err: error }, "embedded storage did not answer");
      res.status(502).type("text/plain").send("The storage server is not reachable.");
    });
    // An upload's body streams on as the store takes it; a failed one ends the store's request too.
    pipeline(req, upstream, (error) => {
      if (error) upstream.destroy();
    });
    // The browser closed the connection before the answer was complete (a seek, a cancelled upload).
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
  };
}
