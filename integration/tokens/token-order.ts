import type { ConnectedAccount } from '../store/index.ts';

/** One token to use and where it came from: the store, or the environment (IG_ACCESS_TOKEN). */
export type TokenInOrder<E> =
  | { source: 'store'; account: ConnectedAccount }
  | { source: 'environment'; account: E };

/**
 * The tokens builds and the server use, in their one order: every account connected in the
 * store; with none, the environment's token (IG_ACCESS_TOKEN); with neither, none, and the
 * caller says what to do. `environment` is asked only when the store has no account, so a
 * caller that must look the environment's account up (a Graph request) does so only then.
 */
export async function tokensInOrder<E>(
  stored: () => Promise<readonly ConnectedAccount[]>,
  environment: () => Promise<E | undefined>,
): Promise<TokenInOrder<E>[]> {
  const accounts = await stored();
  if (accounts.length > 0) return accounts.map((account) => ({ source: 'store', account }));
  const fromEnvironment = await environment();
  return fromEnvironment === undefined ? [] : [{ source: 'environment', account: fromEnvironment }];
}
