import { formatDayTime, formatLongDay } from '../components/format.ts';
import type { RefreshOutcome, TokenLifecycleError, TokenStatus } from '../tokens/index.ts';
import type { Flash } from './respond.ts';

/**
 * What /admin says after its Refresh button: plain sentences with dates people read. Dates are
 * in UTC, as in the accounts table. `accounts` are the statuses read before the refresh.
 */
export function refreshNotice(results: RefreshOutcome[], accounts: TokenStatus[]): Flash {
  const name = (userId: string) => accountName(userId, accounts);
  const sentences = results.map((result) => {
    const until = result.expiresAt ? formatLongDay(result.expiresAt, 'UTC') : undefined;
    if (result.refreshed)
      return until
        ? `Refreshed ${name(result.userId)}: the token now expires on ${until}.`
        : `Refreshed ${name(result.userId)}.`;
    return `${name(result.userId)} needs no refresh yet${until ? `: its token is valid until ${until}` : ''}.`;
  });
  return {
    kind: results.some((result) => result.refreshed) ? 'ok' : 'info',
    message: sentences.join(' '),
  };
}

/** The notice for a refresh the token service refused, or undefined to show its own message. */
export function refusedRefreshNotice(
  error: TokenLifecycleError,
  userId: string | undefined,
  accounts: TokenStatus[],
): Flash | undefined {
  const status = accounts.find((account) => account.userId === userId);
  if (!status) return undefined;
  const who = `@${status.username}`;
  if (error.code === 'too_new' && status.refreshableFrom) {
    const until = status.expiresAt
      ? ` It is valid until ${formatLongDay(status.expiresAt, 'UTC')}.`
      : '';
    return {
      kind: 'info',
      message: `Nothing to refresh yet: the token of ${who} is less than 24 hours old, and Instagram refreshes it from ${formatDayTime(status.refreshableFrom, 'UTC', true)}.${until}`,
    };
  }
  if (error.code === 'expired' && status.expiresAt)
    return {
      kind: 'error',
      message: `The token of ${who} expired on ${formatLongDay(status.expiresAt, 'UTC')}, and an expired token cannot be refreshed. Reconnect the account.`,
    };
  return undefined;
}

function accountName(userId: string, accounts: TokenStatus[]): string {
  const username = accounts.find((account) => account.userId === userId)?.username;
  return username ? `@${username}` : `account ${userId}`;
}
