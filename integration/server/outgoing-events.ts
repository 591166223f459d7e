import type { OutgoingWebhooks } from '../outgoing/index.ts';
import type { PublishJob } from '../publish/index.ts';
import type { StateStore } from '../store/index.ts';

/** An account's token is "expiring" for the outgoing webhook from this many days before. */
export const TOKEN_EXPIRING_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * `post.published` or `post.failed` for a job that just ended, once per job (keyed by its id).
 * Failures carry Instagram's error and the remedy the publish code gave.
 */
export function emitPublishOutcome(outgoing: OutgoingWebhooks, job: PublishJob): void {
  const post = { jobId: job.id, accountId: job.accountId, kind: job.kind };
  if (job.status === 'published')
    void outgoing.emit(
      'post.published',
      {
        ...post,
        mediaId: job.mediaId ?? null,
        permalink: job.permalink ?? null,
        publishedAt: job.publishedAt ?? null,
      },
      job.id,
    );
  else if (job.status === 'failed')
    void outgoing.emit(
      'post.failed',
      {
        ...post,
        error: {
          message: job.error?.message ?? 'The post could not be published.',
          ...(job.error?.code !== undefined && { code: job.error.code }),
          ...(job.error?.subcode !== undefined && { subcode: job.error.subcode }),
          ...(job.error?.userMessage !== undefined && { userMessage: job.error.userMessage }),
        },
        remedy: job.error?.remedy ?? 'Open /admin/publish and try again.',
      },
      job.id,
    );
}

/**
 * `account.token_expiring` for each account whose token expires within 7 days: keyed by the
 * account and the token's expiry, so it is stored once per token however often this runs (hourly)
 * and on however many instances; a refreshed token has a new expiry and may expire again.
 */
export async function emitExpiringTokens(
  store: Pick<StateStore, 'listAccounts'>,
  outgoing: OutgoingWebhooks,
  now = Date.now(),
): Promise<void> {
  for (const account of await store.listAccounts()) {
    if (account.tokenExpiresAt === null) continue;
    const left = Date.parse(account.tokenExpiresAt) - now;
    if (left <= 0 || left > TOKEN_EXPIRING_DAYS * DAY_MS) continue;
    await outgoing.emit(
      'account.token_expiring',
      {
        userId: account.userId,
        username: account.username,
        expiresAt: account.tokenExpiresAt,
        daysLeft: Math.floor(left / DAY_MS),
      },
      `${account.userId}:${account.tokenExpiresAt}`,
    );
  }
}
