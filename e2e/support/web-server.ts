/**
 * Playwright's webServer for the e2e run (see playwright.config.ts). It owns the database and
 * the storage the app under test uses, so that the specs can write their own data into them
 * through the factories the vitest suite uses (test/factories.ts):
 *
 * - PostgreSQL: a new database `parley_e2e_<run>` on DATABASE_URL's server when it is set
 *   (CI), else on an embedded PostgreSQL of the run's own (db/scratch-database.ts);
 * - storage: an s3rver of the run's own over the run's data folder (storage/embedded-s3.ts),
 *   which the app reaches as it would any S3 (S3_ENDPOINT).
 *
 * It writes where they are to the handoff file (E2E_HANDOFF_FILE, readable by its owner
 * only), which the workers read (e2e/support/app-under-test.ts), then runs `npm run serve`
 * against them. After the server has stopped it drops the database, stops both servers and
 * removes the run's data folder.
 *
 * It owns them rather than globalSetup/globalTeardown because Playwright starts the webServer
 * before globalSetup and stops it after globalTeardown: a database dropped in globalTeardown
 * would vanish under a running server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { createDatabase, dropDatabase, startScratchServer, type ScratchServer } from "../../db/scratch-database";
import { startEmbeddedS3, type EmbeddedS3 } from "../../storage/embedded-s3";
import type { AppUnderTest } from "./app-under-test";

const run = required("PARLEY_E2E_RUN");
const dataDir = required("PARLEY_DATA_DIR");
const handoffFile = required("E2E_HANDOFF_FILE");
const databaseName = `parley_e2e_${run}`;
const bucket = "parley-e2e";
const externalServer = Boolean(process.env.DATABASE_URL);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`e2e web server: ${name} is not set (playwright.config.ts sets it)`);
  return value;
}

let pgServer: ScratchServer | null = null;
let s3: EmbeddedS3 | null = null;

async function cleanUp(): Promise<void> {
  if (pgServer && externalServer) {
    await dropDatabase(pgServer.serverUrl, databaseName).catch((error: unknown) => {
      console.error(`e2e: could not drop database ${databaseName}:`, error);
    });
  } else if (pgServer) {
    // The run's embedded server goes with its folder (it got the process group's SIGTERM too
    // and may be stopping already).
    await withTimeout(pgServer.stop(), 20_000, "stopping the e2e PostgreSQL");
  }
  if (s3) await withTimeout(s3.stop(), 10_000, "stopping the e2e S3");
  if (process.env.E2E_KEEP_DATA !== "true") {
    await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch((error: unknown) => {
      console.error(`e2e: could not remove ${dataDir}:`, error);
    });
  }
}

async function withTimeout(promise: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`e2e: ${what} took over ${ms} ms; going on`);
      resolve();
    }, ms);
  });
  await Promise.race([promise.catch((error: unknown) => console.error(`e2e: ${what} failed:`, error)), timeout]);
  clearTimeout(timer);
}

try {
  await fs.mkdir(dataDir, { recursive: true });
  pgServer = await startScratchServer(externalServer ? process.env.DATABASE_URL : undefined);
  const databaseUrl = await createDatabase(pgServer.serverUrl, databaseName);
  s3 = await startEmbeddedS3({ dataDir: path.join(dataDir, "s3"), bucket });
  const handoff: AppUnderTest = {
    databaseUrl,
    s3: { endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, bucket },
  };
  await fs.writeFile(handoffFile, JSON.stringify(handoff), { mode: 0o600 });

  const server = spawn("npm", ["run", "--silent", "serve"], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      S3_ENDPOINT: handoff.s3.endpoint,
      S3_ACCESS_KEY_ID: handoff.s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: handoff.s3.secretAccessKey,
      S3_BUCKET: bucket,
      S3_FORCE_PATH_STYLE: "true",
    },
  });

  // Playwright signals the whole process group, so the server gets the signal directly as
  // well; forwarding it covers a signal sent to this process alone. The server ignores repeats.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (server.exitCode === null) server.kill(signal);
    });
  }

  server.on("exit", (code, signal) => {
    void cleanUp().finally(() => process.exit(code ?? (signal ? 1 : 0)));
  });
} catch (error) {
  console.error("e2e: could not prepare the app under test:", error);
  await cleanUp();
  process.exit(1);
}
