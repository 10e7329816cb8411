import path from "node:path";
import { z } from "zod";

/**
 * Every setting Parley reads from the environment, parsed once at start.
 * A wrong or missing value stops the process with a message naming the variable
 * (see `loadConfig`), instead of failing later inside a request.
 */

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());

const booleanFlag = (fallback: boolean) =>
  z.preprocess((value) => {
    if (value === undefined || value === "") return fallback;
    if (typeof value !== "string") return value;
    const normalised = value.trim().toLowerCase();
    if (["1", "true", "yes", "on"].includes(normalised)) return true;
    if (["0", "false", "no", "off"].includes(normalised)) return false;
    return value;
  }, z.boolean({ error: "must be true or false" }));

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

export const configSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(["development", "production", "test"]).default("development"),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default("localhost")),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    /** The address people use to reach Parley; decides Secure cookies and the allowed Origin, and makes the links in emails absolute. */
    PUBLIC_URL: optionalUrl,
    /**
     * The mail server notifications are emailed through (`smtp://user:pass@host:587`,
     * `smtps://…:465`); unset = no email, the inbox is the only channel (decision 0018).
     */
    SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL").optional()),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    PARLEY_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),

    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
        .optional(),
    ),
    DATABASE_POOL_MAX: positiveInt(10),

    S3_ENDPOINT: optionalUrl,
    S3_PUBLIC_ENDPOINT: optionalUrl,
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default("us-east-1")),
    S3_BUCKET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name")
        .default("parley"),
    ),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: booleanFlag(true),

    JOBS_IN_PROCESS: booleanFlag(true),
    /** How often each job runner records in job_runners that it is alive (decision 0016). */
    JOBS_HEARTBEAT_SECONDS: positiveInt(10),
    /** A runner silent this long is taken for dead: its locked jobs are released to run again. */
    JOBS_STALE_AFTER_SECONDS: positiveInt(60),
    /** A conversation whose waveform is still being prepared after this long offers Retry. */
    PROCESSING_RETRY_AFTER_MINUTES: positiveInt(5),
    /** How long a stopping server may take to finish requests in flight and close the job runner and the pool. */
    SHUTDOWN_GRACE_SECONDS: positiveInt(15),
    SEED_DEMO_DATA: booleanFlag(true),
    /** How far the JavaScript heap may grow past its live size before V8 collects again, in percent; 0 = V8's own factor (decision 0021). */
    HEAP_GROWING_PERCENT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(300).default(50)),

    REQUEST_BODY_LIMIT_KB: positiveInt(1024),
    /** Largest recording accepted by upload, API or import. */
    MAX_RECORDING_MB: positiveInt(2048),
    /** Largest transcript or chat file accepted. */
    MAX_TRANSCRIPT_MB: positiveInt(50),
    SESSION_TTL_HOURS: positiveInt(24 * 14),
    /** Failed sign-ins for one account from one client address before that address is locked out of it. */
    LOGIN_MAX_FAILURES: positiveInt(5),
    /** The window failures are counted in, and the first lock-out. */
    LOGIN_LOCKOUT_MINUTES: positiveInt(15),
    /** Failed sign-ins for one account from all addresses together (within the window) before the account is locked. */
    LOGIN_ACCOUNT_MAX_FAILURES: positiveInt(50),
  })
  .superRefine((env, ctx) => {
    if (env.JOBS_STALE_AFTER_SECONDS < 2 * env.JOBS_HEARTBEAT_SECONDS) {
      // One late heartbeat must not get a live runner's jobs taken away.
      ctx.addIssue({
        code: "custom",
        path: ["JOBS_STALE_AFTER_SECONDS"],
        message: `must be at least twice JOBS_HEARTBEAT_SECONDS (${env.JOBS_HEARTBEAT_SECONDS})`,
      });
    }
    if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
      for (const name of ["S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (!env[name]) {
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "is required when S3_ENDPOINT is set",
          });
        }
      }
    }
  });

/** Where the browser finds the embedded object store on the app's own origin (decision 0014). */
export const STORAGE_PATH = "/storage";

export type Config = z.infer<typeof configSchema> & {
  dataDir: string;
  /**
   * Set when Parley started the embedded object store: browsers then reach it through the
   * app's own origin (server/storage-proxy.ts, decision 0014) rather than S3_ENDPOINT.
   */
  storageThroughApp: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws a ConfigError listing each bad variable by name. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(environment)";
      const given = typeof issue.path[0] === "string" ? env[issue.path[0]] : undefined;
      const shown = given === undefined ? "not set" : `got ${JSON.stringify(redact(issue.path[0], given))}`;
      return `  ${name}: ${issue.message} (${shown})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.PARLEY_DATA_DIR), storageThroughApp: false };
}

function redact(name: unknown, value: string): string {
  return typeof name === "string" && /SECRET|PASSWORD|KEY|SMTP_URL/.test(name) ? "***" : value;
}

const globalKey = Symbol.for("parley.config");
type GlobalWithConfig = typeof globalThis & { [globalKey]?: Config };

/**
 * The config of this process. The server entry parses it at boot (after the embedded
 * servers have filled in DATABASE_URL and S3_*); the Remix bundle and scripts read the
 * same object through globalThis, so it is parsed once.
 */
export function getConfig(): Config {
  const holder = globalThis as GlobalWithConfig;
  holder[globalKey] ??= parseConfig();
  return holder[globalKey];
}

export function setConfig(config: Config): void {
  (globalThis as GlobalWithConfig)[globalKey] = config;
}
