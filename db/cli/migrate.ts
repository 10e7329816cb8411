/** `npm run db:migrate`: migrates the configured database (or the embedded one of `npm start`). */
import { boot } from "../../server/boot";
import { logger } from "../../server/logger";

const booted = await boot(logger);
logger.info("database is at the newest migration");
await booted.close();
