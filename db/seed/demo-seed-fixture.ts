/**
 * The demo seed as its tests see it (seed-demo*.test.ts): each test file has its own database
 * (test/setup-file.ts), so each seeds the demo into it once, on the same fixed day.
 */
import { beforeAll } from "vitest";
import { db } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import type { Viewer } from "../../app/modules/users/roles";
import { loadDemoViewers } from "./demo-evaluations";
import { seedDemoIfEmpty, type SeedReport } from "./seed-demo";

export const NOW = new Date("2026-03-16T12:00:00.000Z");
export const feedbackQuery = { limit: 100, now: NOW, timeZone: "Europe/London" };

/** Seeds the demo before the file's tests; the report of that first seeding, once it ran. */
export function seedDemoBeforeAll(): { report: () => SeedReport } {
  let first: SeedReport | null = null;
  beforeAll(async () => {
    // How long it takes is a benchmark (npm run bench:seed), not a test.
    first = await seedDemoIfEmpty(db(), blobStore(), NOW);
  }, 120_000);
  return {
    report: () => {
      if (!first) throw new Error("The demo was not seeded");
      return first;
    },
  };
}

/** A demo person as the use cases see them, by the key of their email (marcus.chen). */
export async function demoViewer(key: string): Promise<Viewer> {
  const found = (await loadDemoViewers(db())).get(key);
  if (!found) throw new Error(`No demo person ${key}`);
  return found;
}

export const count = async (table: "users" | "teams" | "interactions" | "team_members") =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
