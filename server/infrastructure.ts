import path from "node:path";
import { writeConnectionFile } from "../db/embedded-connection";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { startEmbeddedS3 } from "../storage/embedded-s3";
import type { Config } from "./config";
import type { Logger } from "./logger";

export interface Infrastructure {
  /** The config with DATABASE_URL and S3_* filled in for the embedded servers. */
  config: Config;
  embedded: { postgres: boolean; s3: boolean };
  stop(): Promise<void>;
}

/**
 * Starts what the environment does not provide: a real PostgreSQL from
 * `embedded-postgres` when DATABASE_URL is unset, and s3rver when S3_ENDPOINT is
 * unset, each over a folder in PARLEY_DATA_DIR so data survives restarts. The app
 * then talks to them exactly as it would to managed services.
 */
export async function startInfrastructure(config: Config, log: Logger): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const resolved: Config = { ...config };
  const embedded = { postgres: false, s3: false };
  try {
    if (!resolved.DATABASE_URL) {
      const started = Date.now();
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, "postgres"),
        database: "parley",
        onLog: (message) => log.debug({ component: "embedded-postgres" }, message.trim()),
      });
      stops.push(() => pg.stop());
      // For the admin command line beside this server (db/embedded-connection.ts); removed first on stop.
      stops.push(await writeConnectionFile(config.dataDir, pg.url));
      resolved.DATABASE_URL = pg.url;
      embedded.postgres = true;
      log.info({ ms: Date.now() - started, dataDir: path.join(config.dataDir, "postgres") }, "embedded PostgreSQL started");
    }
    if (!resolved.S3_ENDPOINT) {
      const s3 = await startEmbeddedS3({
        dataDir: path.join(config.dataDir, "s3"),
        bucket: resolved.S3_BUCKET,
      });
      stops.push(() => s3.stop());
      resolved.S3_ENDPOINT = s3.endpoint;
      resolved.S3_ACCESS_KEY_ID = s3.accessKeyId;
      resolved.S3_SECRET_ACCESS_KEY = s3.secretAccessKey;
      resolved.S3_FORCE_PATH_STYLE = true;
      // The store listens on loopback only; browsers reach it through the web server (decision 0014).
      resolved.S3_PUBLIC_ENDPOINT = undefined;
      embedded.s3 = true;
      log.info({ endpoint: s3.endpoint }, "embedded S3 (s3rver) started");
    }
  } catch (error) {
    await stopAll(stops, log);
    throw error;
  }
  return { config: resolved, embedded, stop: () => stopAll(stops, log) };
}

async function stopAll(stops: Array<() => Promise<void>>, log: Logger): Promise<void> {
  // Stop in reverse order of start; one failure must not leave the others running.
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      log.error({ err: error }, "failed to stop an embedded server");
    }
  }
}
