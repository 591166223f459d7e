import type { TokenService } from '../tokens/index.ts';

const DAY_MS = 86_400_000;

/**
 * The running server's daily token check: refreshes every token within IG_REFRESH_LEAD_DAYS,
 * once shortly after start and then every day, so no token expires silently while it runs.
 */
export function startRefreshSchedule(
  tokens: TokenService,
  log: (line: string) => void,
  firstRunMs = 60_000,
): () => void {
  const run = async () => {
    for (const { userId, outcome, error } of await tokens
      .refreshDue()
      .catch((e: Error) => [{ userId: '*', error: e, outcome: undefined }])) {
      if (error) log(`token check: ${userId}: ${error.message}`);
      else if (outcome?.refreshed)
        log(`token check: ${userId}: refreshed, valid until ${outcome.expiresAt}`);
    }
  };
  const first = setTimeout(run, firstRunMs);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
