/**
 * Telling a database outage from a bug, and logging it once when it starts and once when it
 * ends instead of once per failed request (docs/decisions/0016).
 */

import type { PostgresPool } from "kysely";
import type pg from "pg";

/** Network errors of a connection that could not be opened. */
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception),
 * 57P01–57P03 (terminated by an administrator, a crash, or the server is starting up or
 * shutting down) and 53300 (too many connections).
 */
const unavailableStates = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What node-postgres says when the server closes a connection under it. */
const lostConnection = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

// Set on errors of the app's pool that failed to connect: a bare ECONNREFUSED could as well
// come from storage, which is not a database outage.
const unavailableMark = Symbol.for("parley.databaseUnavailable");

/** True when `error` (or its cause) says PostgreSQL cannot be reached, rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    if ((current as { [unavailableMark]?: boolean })[unavailableMark] === true) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && unavailableStates.test(code)) return true;
    if (typeof message === "string" && lostConnection.test(message)) return true;
    current = cause;
  }
  return false;
}

function isConnectFailure(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const { code, errors } = (error ?? {}) as { code?: unknown; errors?: unknown };
  // AggregateError: a host name with several addresses, all refused.
  if (Array.isArray(errors)) return errors.some(isConnectFailure);
  return typeof code === "string" && networkCodes.has(code);
}

/**
 * The pool as kysely sees it, reporting to `outage` each connection that could not be opened
 * (marked so that `isDatabaseUnavailable` knows it) and each new one that was.
 */
export function observeOutages(pool: pg.Pool, outage: OutageLog): PostgresPool {
  pool.on("connect", () => outage.connected());
  return {
    async connect() {
      try {
        return await pool.connect();
      } catch (error) {
        if (!isConnectFailure(error)) throw error;
        outage.failed(error);
        if (typeof error === "object" && error !== null) Object.assign(error, { [unavailableMark]: true });
        throw error;
      }
    },
    end: () => pool.end(),
  };
}

export interface OutageLogger {
  error(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * The outage state of one pool: `failed` for every connection that could not be opened or was
 * lost, `connected` for every one that was. Only the first failure and the first connection
 * after it are logged.
 */
export class OutageLog {
  private since: number | null = null;
  private failures = 0;

  constructor(
    private readonly log: OutageLogger,
    private readonly now: () => number = Date.now,
  ) {}

  get ongoing(): boolean {
    return this.since !== null;
  }

  failed(error: unknown): void {
    if (this.since === null) {
      this.since = this.now();
      this.failures = 0;
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error({ reason }, "database unavailable: pages and the API answer 503 until it is back");
    }
    this.failures++;
  }

  connected(): void {
    if (this.since === null) return;
    const seconds = Math.round((this.now() - this.since) / 100) / 10;
    this.log.info({ seconds, failedConnections: this.failures }, `database available again after ${seconds} s`);
    this.since = null;
  }
}
