/**
 * Playwright's webServer for the e2e run (see playwright.config.ts): creates the run's
 * own database when E2E_CREATE_DATABASE is set, runs `npm run serve`, and after the
 * server has stopped drops that database and removes the run's data folder.
 *
 * It owns the database rather than globalSetup/globalTeardown because Playwright starts
 * the webServer before globalSetup and stops it after globalTeardown: a database dropped
 * in globalTeardown would vanish under a running server.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

const databaseUrl = process.env.DATABASE_URL;
const ownDatabase = process.env.E2E_CREATE_DATABASE === "true" && databaseUrl ? new URL(databaseUrl) : null;
const dataDir = process.env.PARLEY_DATA_DIR;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function adminQuery(target: URL, sql: string): Promise<void> {
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const databaseName = (url: URL) => decodeURIComponent(url.pathname.slice(1));

async function cleanUp(): Promise<void> {
  if (ownDatabase) {
    try {
      await adminQuery(ownDatabase, `DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName(ownDatabase))} WITH (FORCE)`);
    } catch (error) {
      console.error(`e2e: could not drop database ${databaseName(ownDatabase)}:`, error);
    }
  }
  if (dataDir && process.env.E2E_KEEP_DATA !== "true") {
    await untilEmbeddedPostgresStopped(dataDir);
    await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch((error: unknown) => {
      console.error(`e2e: could not remove ${dataDir}:`, error);
    });
  }
}

/**
 * The embedded PostgreSQL can outlive the server by a moment (it gets the group's SIGTERM
 * too and writes its shutdown checkpoint); it deletes postmaster.pid when it is done.
 */
async function untilEmbeddedPostgresStopped(dir: string): Promise<void> {
  const pidFile = path.join(dir, "postgres", "postmaster.pid");
  const deadline = Date.now() + 20_000;
  while (existsSync(pidFile) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (ownDatabase) {
  await adminQuery(ownDatabase, `CREATE DATABASE ${quoteIdentifier(databaseName(ownDatabase))}`);
}

const server = spawn("npm", ["run", "--silent", "serve"], { stdio: "inherit", env: process.env });

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
