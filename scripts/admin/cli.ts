/**
 * `npm run admin -- <command>` (see ./args.ts). Only sets up the environment: the logger
 * reads LOG_LEVEL when it is first imported, and a command prints its result, not the
 * server's info lines.
 */
process.env.LOG_LEVEL ||= "warn";
await import("./main");

export {};
