/**
 * A Parley server of a spec's own, for specs about the server process itself (shutdown, a
 * database outage): the compiled server the e2e run's build made (`build/server/index.js`, as
 * `npm start` runs it), with the job runner inside, on a PostgreSQL the spec stops and starts
 * (test/controlled-postgres.ts) and an embedded S3 in a data folder of its own. Its JSON log
 * lines are collected for the spec to read.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createApiToken } from "../../app/modules/api-tokens/create-api-token.server";
import { createUser } from "../../app/modules/users/create-user.server";
import { startAppServer, type AppServer } from "../../bench/server-process";
import { createDb, createPool } from "../../db/client";
import { startControlledPostgres, type ControlledPostgres } from "../../test/controlled-postgres";
import { seedData } from "../../app/modules/access/actor";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface OwnServer {
  server: AppServer;
  postgres: ControlledPostgres;
  databaseUrl: string;
  /** Every line the server logged, parsed. */
  lines: LogLine[];
  /** An API token of the admin. */
  apiToken: string;
  /** Signs the admin in through the login form's POST; the session cookie (`name=value`). */
  signIn(): Promise<string>;
  /** Runs a query on the server's database from the spec. */
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

const PASSWORD = "correct horse battery";
const EMAIL = "admin@own-server.test";
/** The admin every own server starts with, for a spec that signs in through the login form. */
export const OWN_ADMIN = { email: EMAIL, password: PASSWORD } as const;

export async function startOwnServer(env: Record<string, string> = {}): Promise<OwnServer> {
  const postgres = await startControlledPostgres();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-own-server-"));
  try {
    const databaseUrl = await postgres.createMigratedDatabase("parley");
    const apiToken = await seedAdmin(databaseUrl);
    const lines: LogLine[] = [];
    const server = await startAppServer({
      env: { DATABASE_URL: databaseUrl, JOBS_IN_PROCESS: "true", LOG_LEVEL: "info", ...env },
      dataDir,
      onOutput: (line) => {
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          lines.push({ level: 30, msg: line });
        }
      },
    });
    return {
      server,
      postgres,
      databaseUrl,
      lines,
      apiToken,
      signIn: () => signIn(server.url),
      query: (text, values) => query(databaseUrl, text, values),
      async dispose() {
        await server.stop();
        await postgres.dispose();
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await postgres.dispose();
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function seedAdmin(databaseUrl: string): Promise<string> {
  const db = createDb({ connectionString: databaseUrl, max: 1 });
  try {
    const admin = await createUser(db, seedData, { name: "Own Admin", email: EMAIL, role: "admin", teamIds: [], password: PASSWORD });
    const viewer = { id: admin.id, name: "Own Admin", email: EMAIL, role: "admin" as const, teamIds: [] };
    return (await createApiToken(db, viewer, "e2e")).token;
  } finally {
    await db.destroy();
  }
}

async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}

async function query<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const pool = createPool({ connectionString: databaseUrl, max: 1 });
  try {
    return (await pool.query(text, values)).rows as T[];
  } finally {
    await pool.end();
  }
}
