import type { StateStore } from '../store/index.ts';
import { runTokenCommand } from './command-hook.ts';
import { writeGithubSecret } from './github-secret.ts';
import { describeTarget, type WriteBackTarget } from './write-back-target.ts';

export interface TokenWriteBackOptions {
  target: WriteBackTarget;
  store: StateStore;
  now?: () => number;
}

export interface WriteBackResult {
  /** `unchanged`: the target already holds this token; `no_account`: none is stored. */
  status: 'written' | 'failed' | 'unchanged' | 'no_account';
  userId?: string;
  /** For logs: never a token. */
  message: string;
}

/** What was last written where, kept in the state store (no token: its issue time stands for it). */
interface WrittenRecord {
  target: string;
  userId: string;
  tokenIssuedAt: string;
  writtenAt: string;
}

const SCOPE = 'token-write-back';
const KEY = 'last-written';
const DAY_MS = 86_400_000;

/**
 * Writes the token of the first stored account (the builds' order: the oldest connected, the one
 * a build without the state store reads from IG_ACCESS_TOKEN) where the builds read it, whenever
 * it differs from the one last written there. The store remembers the last written token by its
 * issue time, so a write that failed after a refresh is tried again on the next run, although
 * the token is no longer due; so is a token that changed otherwise (a reconnect in /admin).
 */
export class TokenWriteBack {
  readonly #options: TokenWriteBackOptions;

  constructor(options: TokenWriteBackOptions) {
    this.#options = options;
  }

  get target(): string {
    return describeTarget(this.#options.target);
  }

  async writeIfChanged(): Promise<WriteBackResult> {
    const { store, target } = this.#options;
    const now = this.#options.now?.() ?? Date.now();
    const [account] = await store.listAccounts();
    if (!account)
      return { status: 'no_account', message: 'no stored account, so no token to write back' };
    const { userId, username, token, tokenIssuedAt, tokenExpiresAt } = account;
    const targetId = targetKey(target);
    const last = await store.getExpiring<WrittenRecord>(SCOPE, KEY, new Date(now).toISOString());
    if (last?.target === targetId && last.userId === userId && last.tokenIssuedAt === tokenIssuedAt)
      return { status: 'unchanged', userId, message: `${this.target} holds the current token` };
    try {
      if (target.kind === 'github') await writeGithubSecret(target, token);
      else await runTokenCommand(target.command, token);
    } catch (error) {
      const reason = redact((error as Error).message, [token, authTokenOf(target)]);
      return {
        status: 'failed',
        userId,
        message: `writing the token of @${username} (${userId}) to ${this.target} failed: ${reason} The builds still read the previous token; the next \`npm run ig -- token refresh\` or daily token check tries again.`,
      };
    }
    const record: WrittenRecord = {
      target: targetId,
      userId,
      tokenIssuedAt,
      writtenAt: new Date(now).toISOString(),
    };
    // Kept as long as the token lives; should it go, the next run writes the token once more.
    const until = Math.max(tokenExpiresAt ? Date.parse(tokenExpiresAt) : 0, now) + 60 * DAY_MS;
    await store.putExpiring(SCOPE, KEY, record, new Date(until).toISOString());
    return {
      status: 'written',
      userId,
      message: `wrote the token of @${username} (${userId}) to ${this.target}`,
    };
  }
}

function targetKey(target: WriteBackTarget): string {
  return target.kind === 'github'
    ? `github:${target.owner}/${target.repo}/${target.secret}`
    : `command:${target.command.join(' ')}`;
}

function authTokenOf(target: WriteBackTarget): string | undefined {
  return target.kind === 'github' ? target.authToken : undefined;
}

function redact(message: string, secrets: (string | undefined)[]): string {
  return secrets.reduce<string>(
    (text, secret) => (secret ? text.replaceAll(secret, '[redacted]') : text),
    message,
  );
}
