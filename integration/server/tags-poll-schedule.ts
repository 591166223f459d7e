import type { Leases } from '../store/index.ts';
import { startOncePerPeriod } from './once-per-period.ts';

/** The lease that marks the current period's look at `/tags` as taken, by whichever instance ran it. */
export const TAGS_POLL_LEASE = 'tags-poll';

export interface TagsPollScheduleOptions {
  /** One look at every Facebook Login account's `/tags` (`pollTaggedPosts`). */
  poll: () => Promise<{ accountId: string; added?: number; error?: Error }[]>;
  leases: Leases;
  log: (line: string) => void;
  /** How often; one instance of those sharing the store looks per period. */
  everyMs: number;
  /** The first look, after start. Default 1 minute. */
  firstRunMs?: number;
}

/**
 * The running server's look at the `/tags` edge, every `everyMs` (TAGS_POLL_MINUTES): the
 * first instance to look in a period takes the `tags-poll` lease for that period, as the token
 * check does; Graph then sees one caller per period however many instances run.
 */
export function startTagsPollSchedule({
  poll,
  leases,
  log,
  everyMs,
  firstRunMs = 60_000,
}: TagsPollScheduleOptions): () => void {
  return startOncePerPeriod({
    lease: TAGS_POLL_LEASE,
    leases,
    periodMs: everyMs,
    everyMs,
    firstRunMs,
    label: 'tagged posts',
    log,
    async run() {
      for (const { accountId, added, error } of await poll()) {
        if (error) log(`tagged posts: ${accountId}: ${error.message}`);
        else if (added) log(`tagged posts: ${accountId}: ${added} new to review`);
      }
    },
  });
}
