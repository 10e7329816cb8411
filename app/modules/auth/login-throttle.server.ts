import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Failed-login throttling kept in PostgreSQL (table `login_throttle`), so it holds across
 * server processes. It slows guessing without letting a stranger lock the owner out
 * (docs/decisions/0004, "Throttling"):
 *
 * - per account and client address: `maxFailures` failures lock that address out of that
 *   account for `lockoutMinutes` — the owner, signing in from elsewhere, is not affected;
 * - per client address: ten times `maxFailures` failures in an hour, over any accounts,
 *   lock the address (one address spraying many accounts);
 * - per account, from every address together: `accountMaxFailures` failures within
 *   `lockoutMinutes` lock the account for `lockoutMinutes`, doubled with each further lock
 *   within a day, up to a day. One address alone cannot get there (its own limit stops it
 *   first); it takes a guessing campaign from many addresses at once.
 *
 * A success clears the account-and-address counter, the account's counter and its lock count.
 */
export interface LoginThrottle {
  /** Seconds until this email/address may try again, or 0 when it may now. */
  retryAfter(email: string, ip: string): Promise<number>;
  recordFailure(email: string, ip: string): Promise<void>;
  recordSuccess(email: string, ip: string): Promise<void>;
}

export interface LoginThrottleSettings {
  /** LOGIN_MAX_FAILURES: failures from one address for one account before that address is locked out of it. */
  maxFailures: number;
  /** LOGIN_LOCKOUT_MINUTES: the counting window and the first lock-out. */
  lockoutMinutes: number;
  /** LOGIN_ACCOUNT_MAX_FAILURES: failures for one account from all addresses before the account is locked. */
  accountMaxFailures: number;
}

/** The longest an account lock-out grows to by doubling. */
export const MAX_ACCOUNT_LOCKOUT_SECONDS = 24 * 3600;

export function createLoginThrottle(pool: pg.Pool, { maxFailures, lockoutMinutes, accountMaxFailures }: LoginThrottleSettings): LoginThrottle {
  const common = { storeClient: pool, tableName: "login_throttle", tableCreated: true, clearExpiredByTimeout: false };
  const lockoutSeconds = lockoutMinutes * 60;
  const perAccountAndAddress = new RateLimiterPostgres({ ...common, keyPrefix: "account-address", points: maxFailures, duration: lockoutSeconds });
  const perAddress = new RateLimiterPostgres({ ...common, keyPrefix: "address", points: maxFailures * 10, duration: 3600 });
  const perAccount = new RateLimiterPostgres({ ...common, keyPrefix: "account", points: accountMaxFailures, duration: lockoutSeconds });
  // How many times the account was locked within the day: the next lock lasts 2^n times longer.
  const accountLocks = new RateLimiterPostgres({ ...common, keyPrefix: "account-locks", points: 1_000_000, duration: 24 * 3600 });

  const accountKey = (email: string) => email.trim().toLowerCase();
  const pairKey = (email: string, ip: string) => `${accountKey(email)}|${ip}`;
  const waitOf = (state: RateLimiterRes | null, limit: number) => (state && state.consumedPoints >= limit ? state.msBeforeNext : 0);

  /** consume() rejects with the counter once the budget is spent; that rejection is the count, not an error. */
  async function count(limiter: RateLimiterPostgres, key: string): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  }

  return {
    async retryAfter(email, ip) {
      const [pair, address, account] = await Promise.all([
        perAccountAndAddress.get(pairKey(email, ip)),
        perAddress.get(ip),
        perAccount.get(accountKey(email)),
      ]);
      const waits = [waitOf(pair, maxFailures), waitOf(address, maxFailures * 10), waitOf(account, accountMaxFailures)];
      return Math.ceil(Math.max(...waits) / 1000);
    },
    async recordFailure(email, ip) {
      const account = accountKey(email);
      const [, , accountCount] = await Promise.all([count(perAccountAndAddress, pairKey(email, ip)), count(perAddress, ip), count(perAccount, account)]);
      // Exactly one failure reaches the limit (the store counts atomically): it sets the lock.
      if (accountCount.consumedPoints !== accountMaxFailures) return;
      const locks = await count(accountLocks, account);
      const seconds = Math.min(lockoutSeconds * 2 ** (locks.consumedPoints - 1), MAX_ACCOUNT_LOCKOUT_SECONDS);
      await perAccount.block(account, seconds);
    },
    async recordSuccess(email, ip) {
      const account = accountKey(email);
      await Promise.all([perAccountAndAddress.delete(pairKey(email, ip)), perAccount.delete(account), accountLocks.delete(account)]);
    },
  };
}
