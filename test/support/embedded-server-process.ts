/**
 * What `npm start` does first, in a process of its own, for test/admin-cli.test.ts: boot()
 * over PARLEY_DATA_DIR with no DATABASE_URL, so the embedded PostgreSQL starts and its
 * connection file is written. (The Remix build and HTTP server are left out: they play no
 * part in where the database is.) Prints `ready` once booted; stops cleanly on SIGTERM.
 */
import { boot } from "../../server/boot";
import { logger } from "../../server/logger";

const booted = await boot(logger);
process.on("SIGTERM", () => {
  void booted.close().then(() => process.exit(0));
});
process.stdout.write("ready\n");
