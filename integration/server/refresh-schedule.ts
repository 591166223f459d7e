import type { Leases } from '../store/index.ts';
import { startOncePerPeriod } from './once-per-period.ts';
import type { TokenService, TokenWriteBack } from '../tokens/index.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The lease that marks the current period's check as taken, by whichever instance ran it. */
export const TOKEN_CHECK_LEASE = 'token-check';

export interface RefreshScheduleOptions {
  tokens: Pick<TokenService, 'refreshDue'>;
  /** This instance's leases on the store every instance shares. */
  leases: Leases;
  /** Writes a refreshed token where the builds read it (IG_TOKEN_WRITE_BACK). */
  writeBack?: Pick<TokenWriteBack, 'writeIfChanged'>;
  log: (line: string) => void;
  /** The first look, after start. Default 1 minute. */
  firstRunMs?: number;
  /** How often each instance looks whether the period's check is still to run. Default 1 hour. */
  everyMs?: number;
  /** The check runs once per period across all instances. Default 1 day. */
  periodMs?: number;
}

/**
 * The running server's daily token check: refreshes every token within IG_REFRESH_LEAD_DAYS, so
 * no token expires silently while a server runs. Every instance looks every hour (and a minute
 * after its start); the first to look in a period takes the `token-check` lease for the whole
 * period and runs the check, the others find it taken. The lease is not released: it marks the
 * period as done. If that instance dies, another takes the next period's lease when it looks,
 * so the check keeps running as long as one instance does.
 */
export function startRefreshSchedule({
  tokens,
  leases,
  writeBack,
  log,
  firstRunMs = 60_000,
  everyMs = HOUR_MS,
  periodMs = DAY_MS,
}: RefreshScheduleOptions): () => void {
  const check = async () => {
    for (const { userId, outcome, error } of await tokens
      .refreshDue()
      .catch((e: Error) => [{ userId: '*', error: e, outcome: undefined }])) {
      if (error) log(`token check: ${userId}: ${error.message}`);
      else if (outcome?.refreshed)
        log(`token check: ${userId}: refreshed, valid until ${outcome.expiresAt}`);
    }
    // After the refreshes, and also when none was due: a write that failed yesterday is retried.
    const written = await writeBack?.writeIfChanged().catch((error: Error) => ({
      status: 'failed' as const,
      message: `cannot reach the state store: ${error.message}`,
    }));
    if (written?.status === 'written' || written?.status === 'failed')
      log(`token write-back: ${written.message}`);
  };
  return startOncePerPeriod({
    lease: TOKEN_CHECK_LEASE,
    leases,
    periodMs,
    everyMs,
    firstRunMs,
    run: check,
    label: 'token check',
    log,
  });
}
