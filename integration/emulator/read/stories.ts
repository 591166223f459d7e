import type { Account, Media } from '../core/store.ts';

/** Graph lists a story while it is live: for 24 hours after it was posted. */
export const STORY_LIFETIME_MS = 24 * 3600_000;

/** The account's live stories at `nowMs`, newest first: posted in the last 24 hours, not in the future. */
export function liveStories(account: Account, nowMs: number): Media[] {
  return account.stories.filter(
    (story) => story.timestampMs > nowMs - STORY_LIFETIME_MS && story.timestampMs <= nowMs,
  );
}
