import pino from "pino";

/**
 * Structured JSON logs on stdout. Secrets never reach them: request logging records
 * method, path and status only, and the fields below are redacted wherever they appear.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL || "info",
  base: { app: "parley" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie", "authorization", "*.authorization"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
