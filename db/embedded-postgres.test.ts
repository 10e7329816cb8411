/**
 * The embedded PostgreSQL's password is the installation's own (made on first start, kept
 * 0600 beside the data folder), and a data folder initialised with the password that used
 * to be written in the repository is moved to its own password on its next start.
 */
import fs from "node:fs/promises";
import path from "node:path";
import getPort from "get-port";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresScratchFolder } from "../test/support/postgres-setup";
import { embeddedServer, LEGACY_PASSWORD, passwordFileFor, startEmbeddedPostgres } from "./embedded-postgres";

let root: string;

beforeAll(async () => {
  root = await postgresScratchFolder("parley-pg-password-");
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Whether the server on `port` lets `postgres` in with `password`. */
async function accepts(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "28P01") return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function fileMode(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o777;
}

describe("embedded PostgreSQL password", () => {
  it("a new installation makes its own password, keeps it 0600 beside the data folder and across restarts, and refuses a foreign one", async () => {
    const dataDir = path.join(root, "fresh", "postgres");
    const port = await getPort({ host: "127.0.0.1" });
    const first = await startEmbeddedPostgres({ dataDir, database: "parley", port });
    const file = passwordFileFor(dataDir);
    expect(file).toBe(path.join(root, "fresh", "postgres.password"));
    const password = await fs.readFile(file, "utf8");
    try {
      expect(await fileMode(file)).toBe(0o600);
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(first.url).toBe(`postgres://postgres:${password}@127.0.0.1:${port}/parley`);
      expect(await accepts(port, password)).toBe(true);
      expect(await accepts(port, LEGACY_PASSWORD)).toBe(false);
    } finally {
      await first.stop();
    }

    const again = await startEmbeddedPostgres({ dataDir, database: "parley", port });
    try {
      expect(await fs.readFile(file, "utf8")).toBe(password);
      expect(await accepts(port, password)).toBe(true);
    } finally {
      await again.stop();
    }

    // A password file from elsewhere: start-up stops and says what to do.
    const wrongFile = path.join(root, "other.password");
    await fs.writeFile(wrongFile, "not-the-password", { mode: 0o600 });
    await expect(startEmbeddedPostgres({ dataDir, database: "parley", port, passwordFile: wrongFile })).rejects.toThrow(
      /does not accept the password in .*other\.password.*Restore/,
    );
  });

  it("a data folder initialised with the old shared password moves to its own and keeps its data", async () => {
    const dataDir = path.join(root, "legacy", "postgres");
    const port = await getPort({ host: "127.0.0.1" });
    // What Parley did before: initdb with the password that was in the repository.
    const old = await embeddedServer({ dataDir, port, password: LEGACY_PASSWORD });
    await old.initialise();
    await old.start();
    await old.createDatabase("parley");
    const seed = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: LEGACY_PASSWORD, database: "parley" });
    await seed.connect();
    await seed.query("CREATE TABLE kept (note text)");
    await seed.query("INSERT INTO kept VALUES ($1)", ["from before the upgrade"]);
    await seed.end();
    await old.stop();

    const upgraded = await startEmbeddedPostgres({ dataDir, database: "parley", port });
    try {
      const password = await fs.readFile(passwordFileFor(dataDir), "utf8");
      expect(password).not.toBe(LEGACY_PASSWORD);
      expect(await fileMode(passwordFileFor(dataDir))).toBe(0o600);
      expect(await accepts(port, LEGACY_PASSWORD)).toBe(false);
      expect(await accepts(port, password)).toBe(true);
      const client = new pg.Client({ connectionString: upgraded.url });
      await client.connect();
      const { rows } = await client.query<{ note: string }>("SELECT note FROM kept");
      await client.end();
      expect(rows).toEqual([{ note: "from before the upgrade" }]);
    } finally {
      await upgraded.stop();
    }
  });
});
