import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";

/**
 * Failed-login throttling kept in PostgreSQL (table `login_throttle`), so it holds
 * across server processes. Two budgets: per account (a short lock-out after a few
 * failures) and per client address (stops one address spraying many accounts).
 */
export interface LoginThrottle {
  /** Seconds until this email/address may try again, or 0 when it may now. */
  retryAfter(email: string, ip: string): Promise<number>;
  recordFailure(email: string, ip: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createLoginThrottle(
  pool: pg.Pool,
  { maxFailures, lockoutMinutes }: { maxFailures: number; lockoutMinutes: number },
): LoginThrottle {
  const common = { storeClient: pool, tableName: "login_throttle", tableCreated: true, clearExpiredByTimeout: false };
  const perAccount = new RateLimiterPostgres({
    ...common,
    keyPrefix: "account",
    points: maxFailures,
    duration: lockoutMinutes * 60,
  });
  const perAddress = new RateLimiterPostgres({
    ...common,
    keyPrefix: "address",
    points: maxFailures * 10,
    duration: 3600,
  });
  const accountKey = (email: string) => email.trim().toLowerCase();

  return {
    async retryAfter(email, ip) {
      const [account, address] = await Promise.all([perAccount.get(accountKey(email)), perAddress.get(ip)]);
      const waits = [
        account && account.consumedPoints >= maxFailures ? account.msBeforeNext : 0,
        address && address.consumedPoints >= maxFailures * 10 ? address.msBeforeNext : 0,
      ];
      return Math.ceil(Math.max(...waits) / 1000);
    },
    async recordFailure(email, ip) {
      // consume() rejects once the budget is spent; that rejection *is* the lock, not an error.
      await Promise.allSettled([perAccount.consume(accountKey(email)), perAddress.consume(ip)]);
    },
    async recordSuccess(email) {
      await perAccount.delete(accountKey(email));
    },
  };
}
