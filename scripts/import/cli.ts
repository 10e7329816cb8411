/**
 * `npm run import -- <folder | manifest> [options]` (see ./args.ts for the options).
 * Only sets up the environment: the logger reads LOG_LEVEL when it is first imported,
 * and a bulk import should print its progress, not the server's info lines.
 */
process.env.LOG_LEVEL ||= "warn";
await import("./main");

export {};
