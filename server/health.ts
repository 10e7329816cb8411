import type { Request, Response } from "express";
import { sql } from "kysely";
import { db } from "../app/lib/db.server";
import { blobStore } from "../app/lib/storage.server";

const TIMEOUT_MS = 3000;

/** GET /healthz: 200 when PostgreSQL and storage both answer, else 503 naming the failing part. */
export async function healthCheck(_req: Request, res: Response): Promise<void> {
  const [database, storage] = await Promise.all([
    check(async () => {
      await sql`select 1`.execute(db());
    }),
    check(async () => {
      await blobStore().ping({ timeoutMs: TIMEOUT_MS });
    }),
  ]);
  const ok = database.ok && storage.ok;
  res
    .status(ok ? 200 : 503)
    .set("Cache-Control", "no-store")
    .json({ status: ok ? "ok" : "unavailable", checks: { database, storage } });
}

async function check(probe: () => Promise<void>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = Date.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}
