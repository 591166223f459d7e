import type { Env } from '../shared/env.ts';
import type { ResolvedOptions } from '../options.ts';
import { exchangeForLongLived, GraphClient, getMe, refreshLongLived } from '../graph/index.ts';
import { storeLongLivedToken } from '../oauth/index.ts';
import { getServices, resetServices } from '../server/services.ts';
import { hashPassword } from '../server/password.ts';
import { generateTokenKey } from '../store/index.ts';
import { TokenLifecycleError, type TokenStatus } from '../tokens/index.ts';

export interface CliIo {
  env: Env;
  /** The site's resolved options (its Graph API base); without them, the defaults filled from `env`. */
  options?: ResolvedOptions;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads standard input to its end (passwords, tokens: never as arguments in shell history). */
  readStdin: () => Promise<string>;
}

const USAGE = `Usage: npm run ig -- <command>
  token status                     where each token stands (expiry, days left, refresh due)
  token refresh [--if-due] [--account <ig-user-id>]
                                   refresh now; with --if-due only tokens within IG_REFRESH_LEAD_DAYS;
                                   then write a changed token where builds read it (IG_TOKEN_WRITE_BACK)
  token exchange                   read a short-lived token on stdin, store its long-lived token
  admin hash-password              read a password on stdin, print its hash (ADMIN_PASSWORD_HASH, an event's password_hash)
  key generate                     print a new IG_TOKEN_ENCRYPTION_KEY`;

/** `npm run ig -- …`: returns the exit code. Never prints a token. */
export async function runIg(argv: string[], io: CliIo): Promise<number> {
  const [group, command, ...rest] = argv;
  try {
    switch (`${group} ${command}`) {
      case 'token status':
        return await tokenStatus(io);
      case 'token refresh':
        return await tokenRefresh(rest, io);
      case 'token exchange':
        return await tokenExchange(io);
      case 'admin hash-password':
        io.out(await hashPassword((await io.readStdin()).replace(/\r?\n$/, '')));
        return 0;
      case 'key generate':
        io.out(generateTokenKey());
        return 0;
      default:
        io.err(USAGE);
        return 2;
    }
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 1;
  } finally {
    await resetServices();
  }
}

async function tokenStatus(io: CliIo): Promise<number> {
  const { tokens, config } = await getServices(io.env, io.options);
  const statuses = await tokens.statuses();
  for (const status of statuses) io.out(statusLine(status));
  const envToken = io.env.IG_ACCESS_TOKEN || io.env.INSTAGRAM_ACCESS_TOKEN;
  if (statuses.length === 0) {
    io.out(
      envToken
        ? 'No stored account: builds use IG_ACCESS_TOKEN (its expiry is not known here; store it with `token exchange` or connect it in /admin).'
        : 'No stored account and no IG_ACCESS_TOKEN: connect an account in /admin or run `token exchange`.',
    );
  }
  io.out(
    `Tokens are refreshed when ${config.leadDays} days or fewer are left (IG_REFRESH_LEAD_DAYS).`,
  );
  return statuses.some((s) => s.health === 'expired') ? 1 : 0;
}

function statusLine(s: TokenStatus): string {
  const left =
    s.daysLeft === null ? 'expiry unknown' : `${s.daysLeft} days left (expires ${s.expiresAt})`;
  const state = {
    healthy: 'ok',
    refresh_due: 'REFRESH DUE',
    expired: 'EXPIRED: reconnect in /admin',
  }[s.health];
  return `@${s.username} (${s.userId}): ${state}, ${left}, last refresh ${s.lastRefresh ?? 'never'}`;
}

async function tokenRefresh(args: string[], io: CliIo): Promise<number> {
  const ifDue = args.includes('--if-due');
  const accountIndex = args.indexOf('--account');
  const only = accountIndex >= 0 ? args[accountIndex + 1] : undefined;
  const { tokens, store, tokenWriteBack } = await getServices(io.env, io.options);
  const ids = only ? [only] : (await store.listAccounts()).map((a) => a.userId);
  const envToken = io.env.IG_ACCESS_TOKEN || io.env.INSTAGRAM_ACCESS_TOKEN;
  if (ids.length === 0 && envToken) return refreshEnvironmentToken(envToken, ifDue, io);
  if (ids.length === 0) {
    io.err(
      'No stored account to refresh. Connect one in /admin, or store a token with `npm run ig -- token exchange`.',
    );
    return ifDue ? 0 : 1;
  }
  let failed = 0;
  for (const id of ids) {
    try {
      const outcome = await tokens.refresh(id, { ifDue });
      io.out(
        outcome.refreshed
          ? `${id}: refreshed, valid until ${outcome.expiresAt}`
          : `${id}: not due (valid until ${outcome.expiresAt}), nothing done`,
      );
    } catch (error) {
      if (!TokenLifecycleError.is(error)) throw error;
      failed++;
      io.err(`${id}: ${error.message}`);
    }
  }
  // Also when nothing was refreshed: a write that failed on an earlier run is tried again.
  const written = await writeBack(tokenWriteBack, io);
  return failed > 0 || !written ? 1 : 0;
}

/**
 * No stored account, but IG_ACCESS_TOKEN: its expiry is not known (Instagram tells it only on a
 * refresh), so it is refreshed now, whether or not `--if-due` was given, and the new token
 * stored as its account, which the next runs refresh when due and write back. A build that
 * starts from the secret alone (no cached state) thus never runs on a token older than a day.
 */
async function refreshEnvironmentToken(
  envToken: string,
  ifDue: boolean,
  io: CliIo,
): Promise<number> {
  const { config, store, tokenWriteBack } = await getServices(io.env, io.options);
  let long: Awaited<ReturnType<typeof refreshLongLived>>;
  try {
    long = await refreshLongLived({ graphBase: config.graphBase, token: envToken });
  } catch (error) {
    // A token that works but was not refreshed is most likely less than a day old: not due.
    if (ifDue && (await tokenWorks(config.graphBase, envToken))) {
      io.out(
        'IG_ACCESS_TOKEN: works, but Instagram did not refresh it (it refreshes a token from 24 hours after it was issued); the next run tries again.',
      );
      return 0;
    }
    io.err(
      `IG_ACCESS_TOKEN could not be refreshed: ${(error as Error).message} (Instagram refreshes a long-lived token from 24 hours after it was issued until it expires; an expired one needs a new login in /admin.)`,
    );
    return 1;
  }
  const account = await storeLongLivedToken(
    long,
    { graphBase: config.graphBase, scopes: [], source: 'cli' },
    store,
  );
  io.out(
    `IG_ACCESS_TOKEN of @${account.username} (${account.userId}): refreshed, valid until ${account.tokenExpiresAt}; stored as its account.`,
  );
  return (await writeBack(tokenWriteBack, io)) ? 0 : 1;
}

/** Writes a changed token where builds read it (IG_TOKEN_WRITE_BACK), if set; false when that failed. */
async function writeBack(
  tokenWriteBack: Awaited<ReturnType<typeof getServices>>['tokenWriteBack'],
  io: CliIo,
): Promise<boolean> {
  const written = await tokenWriteBack?.writeIfChanged();
  if (written?.status === 'written') io.out(`token write-back: ${written.message}`);
  if (written?.status === 'failed') io.err(`token write-back: ${written.message}`);
  return written?.status !== 'failed';
}

async function tokenWorks(graphBase: string, token: string): Promise<boolean> {
  const client = new GraphClient({ baseUrl: graphBase, accessToken: token, maxRetries: 1 });
  return getMe(client).then(
    () => true,
    () => false,
  );
}

async function tokenExchange(io: CliIo): Promise<number> {
  const shortToken = (await io.readStdin()).trim();
  if (!shortToken)
    throw new Error(
      'Pipe the short-lived token on stdin: `printf %s "$TOKEN" | npm run ig -- token exchange`.',
    );
  const { config, store } = await getServices(io.env, io.options);
  if (!config.appSecret)
    throw new Error(
      'Set INSTAGRAM_APP_SECRET: the exchange is signed with the Instagram app secret.',
    );
  const long = await exchangeForLongLived({
    graphBase: config.graphBase,
    appSecret: config.appSecret,
    shortToken,
  });
  const account = await storeLongLivedToken(
    long,
    { graphBase: config.graphBase, scopes: [], source: 'cli' },
    store,
  );
  io.out(
    `Stored @${account.username} (${account.userId}) with a long-lived token valid until ${account.tokenExpiresAt}.`,
  );
  return 0;
}
