import { Migrator, type Kysely } from "kysely";
import { migrationProvider } from "../migrations/index";

export interface MigrationReport {
  applied: string[];
}

/** Brings the database to the newest migration; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === "Error");
  if (error) {
    const where = failed ? ` in migration ${failed.migrationName}` : "";
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Database migration failed${where}: ${message}`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
