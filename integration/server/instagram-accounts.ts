import type { Dispatcher } from 'undici';
import { getMe, GraphClient, redact } from '../graph/index.ts';
import type { StateStore } from '../store/index.ts';
import {
  environmentTokenStatus,
  graphBaseFor,
  tokensInOrder,
  tokenStatus,
  type TokenInOrder,
  type TokenStatus,
} from '../tokens/index.ts';

/** The account IG_ACCESS_TOKEN belongs to, as /me names it. */
export interface EnvironmentAccount {
  userId: string;
  username: string;
  token: string;
}

/** What the environment's token came to: its account, or why it could not be looked up. */
export type EnvironmentLookup =
  | { configured: false }
  | { configured: true; account: EnvironmentAccount }
  | { configured: true; problem: string };

export interface InstagramAccountsOptions {
  store: StateStore;
  /** IG_ACCESS_TOKEN (the `instagram.accessToken` option), when set. */
  environmentToken?: string;
  graphBase: string;
  /** graph.facebook.com's base, for accounts connected with Facebook Login. */
  facebookGraphBase: string;
  dispatcher?: Dispatcher;
  now?: () => number;
}

/** A failed lookup of the environment's account is tried again after this long. */
const RETRY_LOOKUP_MS = 60_000;

/**
 * The accounts the server works with, in the builds' order (tokensInOrder): the stored ones;
 * with none, the account of IG_ACCESS_TOKEN, looked up once with /me. Analytics, publishing and
 * the token status all take their accounts and tokens from here.
 */
export class InstagramAccounts {
  readonly #options: InstagramAccountsOptions;
  #lookup: { at: number; failed: boolean; result: Promise<EnvironmentLookup> } | undefined;

  constructor(options: InstagramAccountsOptions) {
    this.#options = options;
  }

  get #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /** The accounts in use, with their tokens: for server code, never for an answer. */
  inUse(): Promise<TokenInOrder<EnvironmentAccount>[]> {
    return tokensInOrder(
      () => this.#options.store.listAccounts(),
      async () => {
        const lookup = await this.environment();
        return 'account' in lookup ? lookup.account : undefined;
      },
    );
  }

  /**
   * The accounts in use, for pages and answers: no token. `scopes` are the permissions recorded
   * when the account was connected; none for the environment's account (Instagram does not say).
   */
  async list(): Promise<
    { userId: string; username: string; source: 'store' | 'environment'; scopes: string[] }[]
  > {
    return (await this.inUse()).map(({ source, account }) => ({
      userId: account.userId,
      username: account.username,
      source,
      scopes: 'scopes' in account ? account.scopes : [],
    }));
  }

  /** The token of an account in use; undefined for any other account. */
  async tokenFor(userId: string): Promise<string | undefined> {
    return (await this.connectionFor(userId))?.token;
  }

  /** The token of an account in use and the Graph host it is for (its login's); undefined for any other account. */
  async connectionFor(
    userId: string,
  ): Promise<
    { token: string; graphBase: string; loginFlavour: 'instagram' | 'facebook' } | undefined
  > {
    const found = (await this.inUse()).find(({ account }) => account.userId === userId);
    if (!found) return undefined;
    const bases = { instagram: this.#options.graphBase, facebook: this.#options.facebookGraphBase };
    const loginFlavour =
      found.source === 'store' ? (found.account.loginFlavour ?? 'instagram') : 'instagram';
    const graphBase = graphBaseFor({ loginFlavour }, bases);
    return { token: found.account.token, graphBase, loginFlavour };
  }

  /** Each account in use, where its token stands; the environment's account marked as such. */
  async statuses(leadDays: number): Promise<TokenStatus[]> {
    const now = this.#now;
    return (await this.inUse()).map(({ source, account }) =>
      source === 'store' ? tokenStatus(account, now, leadDays) : environmentTokenStatus(account),
    );
  }

  /**
   * The account of IG_ACCESS_TOKEN, looked up with /me on the first call and kept; a failed
   * lookup is kept for a minute, then tried again.
   */
  environment(): Promise<EnvironmentLookup> {
    const token = this.#options.environmentToken;
    if (!token) return Promise.resolve({ configured: false });
    const now = this.#now;
    const kept = this.#lookup;
    if (kept && !(kept.failed && now - kept.at >= RETRY_LOOKUP_MS)) return kept.result;
    const lookup = { at: now, failed: false, result: this.#lookUp(token) };
    lookup.result = lookup.result.then((result) => {
      lookup.failed = 'problem' in result;
      return result;
    });
    this.#lookup = lookup;
    return lookup.result;
  }

  async #lookUp(token: string): Promise<EnvironmentLookup> {
    const client = new GraphClient({
      baseUrl: this.#options.graphBase,
      accessToken: token,
      maxRetries: 2,
      ...(this.#options.dispatcher && { dispatcher: this.#options.dispatcher }),
    });
    try {
      const me = await getMe(client);
      return { configured: true, account: { userId: me.userId, username: me.username, token } };
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      return {
        configured: true,
        problem: `Instagram did not name the account of IG_ACCESS_TOKEN: ${message}`,
      };
    } finally {
      await client.close();
    }
  }
}
