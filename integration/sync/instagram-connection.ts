import { existsSync } from 'node:fs';
import { GraphClient, type GraphLogger, type GraphUsage } from '../graph/index.ts';
import { graphBaseFor, tokensInOrder, usageRecord } from '../tokens/index.ts';
import { demoConnection } from './demo-mode.ts';
import { processEnv, type Env } from '../shared/env.ts';
import type { ResolvedOptions } from '../options.ts';
import {
  describeStateStore,
  openStateStore,
  stateStoreLocation,
  type StateStore,
} from '../store/index.ts';

/** A Graph API client for one account, with where its credentials came from. */
export interface InstagramConnection {
  client: GraphClient;
  mode: 'live' | 'demo';
  graphBase: string;
  /** The IG user id when known; otherwise the sync lists `/me/media`. */
  userId?: string;
  /** For messages: "@username", "IG_ACCESS_TOKEN"… never the token. */
  label: string;
  /** `facebook`: connected with Facebook Login (graph.facebook.com, a Page token). */
  loginFlavour?: 'instagram' | 'facebook';
  close(): Promise<void>;
  /** Keeps the last Graph usage of a stored account for /admin. */
  recordUsage?(usage: GraphUsage): Promise<void>;
}

/**
 * Where the build's tokens come from, in the order the server uses too (tokensInOrder): accounts
 * connected in the server's store (DATABASE_URL or STATE_DB_PATH, readable with
 * IG_TOKEN_ENCRYPTION_KEY), then IG_ACCESS_TOKEN, then — with
 * `demo` on — the in-process emulator of demo mode (demo-mode.ts). Empty when there is nothing
 * to connect to.
 */
export async function openInstagramConnections(
  options: ResolvedOptions['instagram'],
  logger: GraphLogger,
  env: Env = processEnv(),
): Promise<InstagramConnection[]> {
  const clientOptions = { timeoutMs: options.timeoutMs, logger };
  const environment = options.accessToken;
  const tokens = await tokensInOrder(
    () => storedAccounts(env, logger),
    async () => (environment ? { token: environment, userId: options.userId } : undefined),
  );
  if (tokens.length === 0) return options.demo ? [await demoConnection(clientOptions)] : [];
  const bases = { instagram: options.graphBase, facebook: options.facebookGraphBase };
  return tokens.map(({ source, account }) => {
    // A stored account's token is for the host of the login that connected it.
    const graphBase = source === 'store' ? graphBaseFor(account, bases) : options.graphBase;
    const client = new GraphClient({
      baseUrl: graphBase,
      accessToken: account.token,
      ...clientOptions,
    });
    if (source === 'environment') return live(client, graphBase, account.userId, 'IG_ACCESS_TOKEN');
    return {
      ...live(client, graphBase, account.userId, `@${account.username}`),
      ...(account.loginFlavour === 'facebook' && { loginFlavour: 'facebook' as const }),
      recordUsage: (usage: GraphUsage) =>
        withStore(env, (store) =>
          store.recordUsage(account.userId, usageRecord(usage, Date.now())),
        ),
    };
  });
}

function live(
  client: GraphClient,
  graphBase: string,
  userId: string | undefined,
  label: string,
): InstagramConnection {
  return {
    client,
    mode: 'live',
    graphBase,
    ...(userId && { userId }),
    label,
    close: () => client.close(),
  };
}

/** Accounts connected through /admin, when this build can read the server's store. */
async function storedAccounts(env: Env, logger: GraphLogger) {
  const location = stateStoreLocation(env);
  // No file yet: no server has connected an account (a database is there once configured).
  if (location.kind === 'sqlite' && !existsSync(location.path)) return [];
  if (!env.IG_TOKEN_ENCRYPTION_KEY) {
    logger.warn(
      `${describeStateStore(location)} holds connected accounts, but IG_TOKEN_ENCRYPTION_KEY is not set, so this build cannot read them; it falls back to IG_ACCESS_TOKEN.`,
    );
    return [];
  }
  return withStore(env, (store) => store.listAccounts());
}

async function withStore<T>(env: Env, use: (store: StateStore) => Promise<T>): Promise<T> {
  const store = await openStateStore(env);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
