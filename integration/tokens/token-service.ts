import { GraphError, refreshLongLived } from '../graph/index.ts';
import {
  LeaseBusyError,
  processLeases,
  withLease,
  type ConnectedAccount,
  type Leases,
  type StateStore,
} from '../store/index.ts';
import { MIN_REFRESH_AGE_MS, tokenStatus, type TokenStatus } from './token-health.ts';
import { TokenLifecycleError } from './token-errors.ts';

export interface TokenServiceOptions {
  store: StateStore;
  /** This instance's leases on `store` (one refresh per account across instances); default: its own. */
  leases?: Leases;
  graphBase: string;
  /** Refresh when this many days or fewer are left (IG_REFRESH_LEAD_DAYS). */
  leadDays: number;
  now?: () => number;
  refresh?: typeof refreshLongLived;
  /** Told of each refresh this instance made (never the token). */
  onRefreshed?: (refreshed: {
    userId: string;
    username: string;
    expiresAt: string | null;
    refreshedAt: string;
  }) => void;
}

export interface RefreshOutcome {
  userId: string;
  refreshed: boolean;
  /** Set when `ifDue` skipped it. */
  skipped?: 'not_due';
  expiresAt: string | null;
}

/** A refresh holds its account's lease for at most this long without renewing it (a dead instance's). */
const REFRESH_LEASE_MS = 60_000;
/** How long a refresh waits while another instance refreshes the same account. */
const REFRESH_WAIT_MS = 120_000;

/**
 * The Instagram token lifecycle of connected accounts: status, refresh now, refresh when due.
 * Concurrent refreshes of one account share one Graph call, across every instance on the store:
 * a second refresh of the same token would race the first, and Instagram counts every call. In
 * one process they share one promise; across processes, a lease per account in the store lets
 * one refresh while the others wait, then read its result.
 */
export class TokenService {
  readonly #options: TokenServiceOptions;
  readonly #leases: Leases;
  readonly #inFlight = new Map<string, Promise<RefreshOutcome>>();

  constructor(options: TokenServiceOptions) {
    this.#options = options;
    this.#leases = options.leases ?? processLeases(options.store);
  }

  get #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  async statuses(): Promise<TokenStatus[]> {
    const accounts = await this.#options.store.listAccounts();
    return accounts.map((account) => tokenStatus(account, this.#now, this.#options.leadDays));
  }

  refresh(userId: string, { ifDue = false } = {}): Promise<RefreshOutcome> {
    const running = this.#inFlight.get(userId);
    if (running) return running;
    const attempt = this.#refresh(userId, ifDue).finally(() => this.#inFlight.delete(userId));
    this.#inFlight.set(userId, attempt);
    return attempt;
  }

  /** Refreshes every account whose token is due; failures are reported, not thrown. */
  async refreshDue(): Promise<
    { outcome?: RefreshOutcome; error?: TokenLifecycleError; userId: string }[]
  > {
    const accounts = await this.#options.store.listAccounts();
    return Promise.all(
      accounts.map(async ({ userId }) => {
        try {
          return { userId, outcome: await this.refresh(userId, { ifDue: true }) };
        } catch (error) {
          return { userId, error: error as TokenLifecycleError };
        }
      }),
    );
  }

  async #refresh(userId: string, ifDue: boolean): Promise<RefreshOutcome> {
    const startedAt = this.#now;
    const account = await this.#account(userId);
    const status = tokenStatus(account, startedAt, this.#options.leadDays);
    if (ifDue && !status.refreshDue && status.health !== 'expired') {
      return { userId, refreshed: false, skipped: 'not_due', expiresAt: account.tokenExpiresAt };
    }
    try {
      return await withLease(
        this.#leases,
        `token-refresh:${userId}`,
        { ttlMs: REFRESH_LEASE_MS, waitMs: REFRESH_WAIT_MS },
        async () => {
          // Read again under the lease: another instance may have refreshed while this one waited.
          const current = await this.#account(userId);
          if (refreshedSince(current, account, startedAt))
            return { userId, refreshed: true, expiresAt: current.tokenExpiresAt };
          return this.#refreshNow(current);
        },
      );
    } catch (error) {
      if (!LeaseBusyError.is(error)) throw error;
      throw new TokenLifecycleError(
        'refresh_busy',
        503,
        `Another server instance has been refreshing the token of @${account.username} for over ${REFRESH_WAIT_MS / 1000} s. Try again in a minute.`,
        { cause: error },
      );
    }
  }

  async #account(userId: string): Promise<ConnectedAccount> {
    const account = await this.#options.store.getAccount(userId);
    if (!account)
      throw new TokenLifecycleError(
        'not_found',
        404,
        `No connected account ${userId}. Connect it in /admin.`,
      );
    return account;
  }

  async #refreshNow(account: ConnectedAccount): Promise<RefreshOutcome> {
    const { userId } = account;
    this.#checkRefreshable(account);
    const fresh = await this.#callGraph(account);
    const now = this.#now;
    const update = {
      token: fresh.accessToken,
      tokenIssuedAt: new Date(now).toISOString(),
      tokenExpiresAt: new Date(now + fresh.expiresInSeconds * 1000).toISOString(),
      refreshedAt: new Date(now).toISOString(),
    };
    if (!(await this.#options.store.updateToken(userId, update))) {
      throw new TokenLifecycleError(
        'not_found',
        404,
        `Account ${userId} was disconnected during the refresh.`,
      );
    }
    this.#options.onRefreshed?.({
      userId,
      username: account.username,
      expiresAt: update.tokenExpiresAt,
      refreshedAt: update.refreshedAt,
    });
    return { userId, refreshed: true, expiresAt: update.tokenExpiresAt };
  }

  #checkRefreshable(account: ConnectedAccount): void {
    if (account.loginFlavour === 'facebook') {
      throw new TokenLifecycleError(
        'not_refreshable',
        409,
        `@${account.username} is connected through Facebook Login: its Page token does not expire, so there is nothing to refresh. If Instagram refuses it (the password changed, the app was removed), connect it with Facebook again in /admin.`,
      );
    }
    const now = this.#now;
    if (account.tokenExpiresAt && Date.parse(account.tokenExpiresAt) <= now) {
      throw new TokenLifecycleError(
        'expired',
        409,
        `The token of @${account.username} expired on ${account.tokenExpiresAt}; an expired token cannot be refreshed. Reconnect the account in /admin.`,
      );
    }
    const age = now - Date.parse(account.tokenIssuedAt);
    if (age < MIN_REFRESH_AGE_MS) {
      const from = new Date(Date.parse(account.tokenIssuedAt) + MIN_REFRESH_AGE_MS).toISOString();
      throw new TokenLifecycleError(
        'too_new',
        409,
        `The token of @${account.username} is less than 24 hours old; Instagram refreshes it from ${from}. Nothing to do: it is valid until ${account.tokenExpiresAt}.`,
      );
    }
  }

  async #callGraph(account: ConnectedAccount) {
    try {
      return await (this.#options.refresh ?? refreshLongLived)({
        graphBase: this.#options.graphBase,
        token: account.token,
      });
    } catch (error) {
      throw explainRefreshFailure(error, account);
    }
  }
}

/**
 * Whether the token was refreshed after this request began: its refresh time changed since the
 * request first read it, or (the request read it only after that refresh) is later than the
 * request's start. Such a request answers with that refresh rather than refusing a token under
 * 24 hours old. A refresh in the very millisecond the request began counts as before it.
 */
function refreshedSince(
  current: ConnectedAccount,
  before: ConnectedAccount,
  startedAt: number,
): boolean {
  if (current.refreshedAt === null) return false;
  return current.refreshedAt !== before.refreshedAt || Date.parse(current.refreshedAt) > startedAt;
}

function explainRefreshFailure(error: unknown, account: ConnectedAccount): TokenLifecycleError {
  if (error instanceof GraphError && error.category === 'auth') {
    const expired = error.subcode === 463;
    return new TokenLifecycleError(
      expired ? 'expired' : 'revoked',
      409,
      `Instagram refused to refresh the token of @${account.username}: ${expired ? 'it has expired' : 'it was revoked or is invalid'} (code 190${error.subcode ? `/${error.subcode}` : ''}). Reconnect the account in /admin.`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TokenLifecycleError(
    'graph_error',
    502,
    `Refreshing the token of @${account.username} failed: ${message}. Try again later.`,
    { cause: error },
  );
}
