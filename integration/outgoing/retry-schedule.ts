/** How long a delivery is tried after its event: then it is marked failed. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How long a delivered or failed delivery stays in the log after its retries ended: well past the
 * 7 days in which `account.token_expiring` is found again (its row is what makes it once).
 */
export const DELIVERY_LOG_DAYS = 30;

export interface RetrySchedule {
  /** The wait after the first failed attempt; each later wait doubles it. Default 10 s. */
  firstDelayMs: number;
  /** The longest wait between two attempts. Default 1 h. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  firstDelayMs: 10_000,
  maxDelayMs: 60 * 60 * 1000,
};

/**
 * The wait after the `failures`-th failed attempt (1 for the first): 10 s, 20 s, 40 s … doubling
 * up to an hour, then hourly, so a receiver back after a long outage waits at most an hour.
 */
export function retryDelayMs(
  failures: number,
  { firstDelayMs, maxDelayMs }: RetrySchedule = DEFAULT_RETRY_SCHEDULE,
): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  return Math.min(maxDelayMs, firstDelayMs * 2 ** exponent);
}
