/** `npm run db:seed`: seeds the demo organisation into an empty database. */
import { db } from "../../app/lib/db.server";
import { blobStore } from "../../app/lib/storage.server";
import { boot } from "../../server/boot";
import { logger } from "../../server/logger";
import { seedDemoIfEmpty } from "../seed/seed-demo";

const booted = await boot(logger);
try {
  await blobStore().ensureBucket({ corsOrigins: [] });
  const report = await seedDemoIfEmpty(db(), blobStore());
  logger.info(report, report.seeded ? "demo data seeded" : "the database already has users; nothing seeded");
} finally {
  await booted.close();
}
