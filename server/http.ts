import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { STORAGE_PATH, type Config } from "./config";
import { healthCheck } from "./health";
import type { Logger } from "./logger";
import { withOutageAnswers } from "./outage-responses";
import { withRefusalAnswers } from "./route-guards";
import { limitRequestBodies, rejectCrossSiteWrites, securityHeaders } from "./security";
import { storageProxy } from "./storage-proxy";

export interface HttpOptions {
  config: Config;
  log: Logger;
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** The job runner inside this process, which /healthz then requires to be alive. */
  jobRunnerId?: string;
}

export function createHttpApp({ config, log, build, jobRunnerId }: HttpOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  const publicOrigin = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : null;
  // The embedded store is served from the app's own origin ('self'); other storage from its own.
  const storageOrigin = config.storageThroughApp
    ? null
    : new URL(config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT ?? "http://invalid").origin;

  app.use(requestLog(log));
  if (config.storageThroughApp && config.S3_ENDPOINT) {
    // Before compression (media is served as stored, Range intact), the body limits (uploads
    // are up to MAX_RECORDING_MB) and the CSRF check (the presigned signature, not a cookie,
    // authorises a storage request, and cookies are not passed on).
    app.use(STORAGE_PATH, storageProxy(config.S3_ENDPOINT, log));
  }
  app.use(compression());
  const health = healthCheck({ staleAfterMs: config.JOBS_STALE_AFTER_SECONDS * 1000, jobRunnerId });
  app.get("/healthz", (req, res, next) => {
    health(req, res).catch(next);
  });
  // Browsers ask for /favicon.ico whatever the page declares.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.use(securityHeaders({ storageOrigin, development: config.NODE_ENV === "development" }));

  // Fingerprinted bundles can be cached for good; everything else briefly.
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h" }));

  app.use(
    limitRequestBodies(config.REQUEST_BODY_LIMIT_KB * 1024, {
      // "/import.data": the import page's fetcher posts (Remix single fetch appends ".data").
      paths: ["/import", "/import.data", "/api/v1/interactions", "/api/v1/interactions/batch"],
      limitBytes: config.MAX_TRANSCRIPT_MB * 1024 * 1024 + 1024 * 1024,
    }),
  );
  app.use(rejectCrossSiteWrites(publicOrigin));
  const remix = createRequestHandler({
    build: typeof build === "function" ? async () => guardBuild(await build()) : guardBuild(build),
    mode: config.NODE_ENV,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? "unknown" }),
  });
  app.all("*", (req, res, next) => {
    remix(req, res, next).catch(next);
  });
  return app;
}

/** Every loader and action answering refusals (a NUL in the address, a DomainError) and database outages as pages/API answers. */
function guardBuild(build: ServerBuild): ServerBuild {
  return withRefusalAnswers(withOutageAnswers(build));
}

/** One structured line per request: method, path (no query string, which may carry tokens), status, time. */
function requestLog(log: Logger): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: a mounted handler (the storage proxy) sees and leaves req.path without its mount point.
    const requestPath = req.path;
    res.on("finish", () => {
      if (requestPath.startsWith("/build/")) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A 503 is an outage (logged once by the pool) or a stopping server, not a bug.
      const level = res.statusCode >= 500 && res.statusCode !== 503 ? "error" : res.statusCode === 503 ? "warn" : "info";
      log[level]({ method: req.method, path: requestPath, status: res.statusCode, ms: Math.round(ms) }, "request");
    });
    next();
  };
}
