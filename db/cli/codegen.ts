/**
 * Generates db/types.generated.ts from a freshly migrated scratch database, so the
 * table types always describe what the migrations build. `--check` fails (exit 1)
 * when the committed file differs: CI runs it to catch drift.
 */
import { spawnSync } from "node:child_process";
import { createDb } from "../client";
import { migrateToLatest } from "../migrate";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../scratch-database";

const check = process.argv.includes("--check");
const server = await startScratchServer();
const name = uniqueDatabaseName("parley_codegen");
let exitCode: number;
try {
  const url = await createDatabase(server.serverUrl, name);
  const db = createDb({ connectionString: url, max: 2 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const args = [
    "kysely-codegen",
    "--dialect=postgres",
    `--url=${url}`,
    "--out-file=db/types.generated.ts",
    "--exclude-pattern=kysely_*",
    '--type-mapping={"int8":"number","numeric":"number"}',
    "--log-level=warn",
    ...(check ? ["--verify"] : []),
  ];
  const result = spawnSync("npx", args, { stdio: "inherit" });
  exitCode = result.status ?? 1;
  if (check && exitCode !== 0) {
    console.error("db/types.generated.ts is out of date with migrations/: run `npm run db:codegen` and commit it.");
  }
} finally {
  await dropDatabase(server.serverUrl, name);
  await server.stop();
}
process.exit(exitCode);
