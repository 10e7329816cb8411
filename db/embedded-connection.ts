/**
 * A running server on the embedded defaults leaves the embedded PostgreSQL's connection
 * URL (with this installation's password) in the data folder, readable by its owner only,
 * so that the admin command line can work beside it: the data folder can be opened by one
 * PostgreSQL only, and its port is chosen afresh on every start.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { readSecretFile, replaceSecretFile } from "../server/secret-file";

const connectionSchema = z.object({ url: z.string().startsWith("postgres://"), pid: z.number().int().positive() });
export type EmbeddedConnection = z.infer<typeof connectionSchema>;

/** `<dataDir>/postgres.connection.json`, beside `postgres/` and `postgres.password`. */
export const connectionFileFor = (dataDir: string): string => path.join(dataDir, "postgres.connection.json");

/** Written after the embedded PostgreSQL accepts connections; removed when the server stops. */
export async function writeConnectionFile(dataDir: string, url: string): Promise<() => Promise<void>> {
  const file = connectionFileFor(dataDir);
  await replaceSecretFile(file, JSON.stringify({ url, pid: process.pid } satisfies EmbeddedConnection));
  return () => fs.rm(file, { force: true });
}

/**
 * The connection of a server running now on this data folder, or null. A file whose
 * process is gone (a server killed before it could clean up) is ignored.
 */
export async function readLiveConnection(dataDir: string): Promise<EmbeddedConnection | null> {
  const content = await readSecretFile(connectionFileFor(dataDir));
  if (content === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return null;
  }
  const connection = connectionSchema.safeParse(parsed);
  if (!connection.success || !isAlive(connection.data.pid)) return null;
  return connection.data;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
