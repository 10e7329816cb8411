/**
 * When a failed delivery is tried again (decision 0024): 30 s after the first attempt, then
 * four times longer each time (2 min, 8 min, 32 min, 2 h 8 min, 8 h 32 min), capped at 12 h;
 * after the eighth attempt it is given up. About 23 hours in all, so a receiver that is down
 * for a night still gets everything.
 */
export const MAX_DELIVERY_ATTEMPTS = 8;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 12 * 60 * 60 * 1000;

/** The wait after failed attempt number `attempt` (1-based), or null when it was the last. */
export function retryDelayMs(attempt: number): number | null {
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return null;
  return Math.min(FIRST_DELAY_MS * 4 ** (attempt - 1), MAX_DELAY_MS);
}

/** A 2xx ends a delivery; anything else (another status, a timeout, a refused connection) is tried again. */
export const isDelivered = (status: number | null): boolean => status !== null && status >= 200 && status < 300;
