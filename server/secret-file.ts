/**
 * Secrets this installation makes for itself (the embedded S3 store's key, the embedded
 * PostgreSQL's password): created once, on first start, in the data folder, readable by
 * their owner only (0600), and read back on every later start. No secret of an embedded
 * server is written in the repository, so two installations never share one.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export const SECRET_FILE_MODE = 0o600;

/** A random secret of `bytes` bytes as hex: safe in URLs, SQL literals and config files alike. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("hex");
}

/**
 * The content of `file`, or, when it does not exist yet, `make()` written there first.
 * Creation is atomic and exclusive (a complete temporary file hard-linked into place), so
 * a crash never leaves half a secret and two processes starting at once agree on one.
 * A file another tool left readable by others is tightened to 0600.
 */
export async function readOrCreateSecretFile(file: string, make: () => string): Promise<{ content: string; created: boolean }> {
  const existing = await readSecretFile(file);
  if (existing !== null) return { content: existing, created: false };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const content = make();
  await fs.writeFile(temporary, content, { mode: SECRET_FILE_MODE, flag: "wx" });
  try {
    await fs.link(temporary, file);
    return { content, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another process created it between our read and our link: theirs wins.
    const theirs = await readSecretFile(file);
    if (theirs === null) throw error;
    return { content: theirs, created: false };
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/** The content of a secret file, or null when there is none; tightens its mode to 0600. */
export async function readSecretFile(file: string): Promise<string | null> {
  let content: string;
  try {
    content = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const { mode } = await fs.stat(file);
  if ((mode & 0o777) !== SECRET_FILE_MODE) await fs.chmod(file, SECRET_FILE_MODE);
  return content;
}

/** Writes a secret file in place of any earlier one, atomically (temporary file, then rename). */
export async function replaceSecretFile(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temporary, content, { mode: SECRET_FILE_MODE, flag: "wx" });
  await fs.rename(temporary, file);
}
