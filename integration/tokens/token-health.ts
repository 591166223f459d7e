import type { ConnectedAccount } from '../store/index.ts';

const DAY_MS = 86_400_000;
/** Instagram refreshes only tokens at least 24 hours old (graph-api.md §2.4). */
export const MIN_REFRESH_AGE_MS = DAY_MS;

export type TokenHealth = 'healthy' | 'refresh_due' | 'expired';

export interface TokenStatus {
  userId: string;
  username: string;
  source: 'store' | 'environment';
  expiresAt: string | null;
  daysLeft: number | null;
  refreshDue: boolean;
  health: TokenHealth;
  lastRefresh: string | null;
  /**
   * Why a refresh cannot happen now, when it cannot (`not_stored`: IG_ACCESS_TOKEN, store it
   * first; `page_token`: a Facebook Login Page token, which does not expire).
   */
  refreshBlockedBy?: 'too_new' | 'expired' | 'not_stored' | 'page_token';
  /** When a token under 24 hours old becomes refreshable (set with `refreshBlockedBy: 'too_new'`). */
  refreshableFrom?: string;
  usage: { appPercent: number | null; businessPercent: number | null; at: string } | null;
}

/** Where an account's token stands at `now`: days left, whether to refresh, whether it can be. */
export function tokenStatus(account: ConnectedAccount, now: number, leadDays: number): TokenStatus {
  if (account.loginFlavour === 'facebook') return pageTokenStatus(account);
  const expiresAt = account.tokenExpiresAt ? Date.parse(account.tokenExpiresAt) : null;
  // Rounded: a token connected a minute ago has 60 days left, not 59.
  const daysLeft = expiresAt === null ? null : Math.max(0, Math.round((expiresAt - now) / DAY_MS));
  const expired = expiresAt !== null && expiresAt <= now;
  const refreshableFrom = Date.parse(account.tokenIssuedAt) + MIN_REFRESH_AGE_MS;
  const tooNew = now < refreshableFrom;
  // An unknown expiry (a token stored from IG_ACCESS_TOKEN) is learnt by refreshing it, as soon
  // as Instagram allows: otherwise it would run out unnoticed.
  const refreshDue = !expired && (daysLeft === null ? !tooNew : daysLeft <= leadDays);
  return {
    userId: account.userId,
    username: account.username,
    source: 'store',
    expiresAt: account.tokenExpiresAt,
    daysLeft,
    refreshDue,
    health: expired ? 'expired' : refreshDue ? 'refresh_due' : 'healthy',
    lastRefresh: account.refreshedAt,
    ...(expired
      ? { refreshBlockedBy: 'expired' as const }
      : tooNew
        ? {
            refreshBlockedBy: 'too_new' as const,
            refreshableFrom: new Date(refreshableFrom).toISOString(),
          }
        : {}),
    usage: account.lastUsage ?? null,
  };
}

/**
 * The status of the environment's token (IG_ACCESS_TOKEN) while it is the one in use: its expiry
 * is not known, and the server refreshes only stored tokens.
 */
export function environmentTokenStatus(account: { userId: string; username: string }): TokenStatus {
  return {
    userId: account.userId,
    username: account.username,
    source: 'environment',
    expiresAt: null,
    daysLeft: null,
    refreshDue: false,
    health: 'healthy',
    lastRefresh: null,
    refreshBlockedBy: 'not_stored',
    usage: null,
  };
}

/**
 * A Facebook Login account holds a Page token from a long-lived user token: it does not expire
 * (graph-api.md §2.6) and there is nothing to refresh; it dies only when the user revokes it.
 */
function pageTokenStatus(account: ConnectedAccount): TokenStatus {
  return {
    userId: account.userId,
    username: account.username,
    source: 'store',
    expiresAt: null,
    daysLeft: null,
    refreshDue: false,
    health: 'healthy',
    lastRefresh: account.refreshedAt,
    refreshBlockedBy: 'page_token',
    usage: account.lastUsage ?? null,
  };
}
