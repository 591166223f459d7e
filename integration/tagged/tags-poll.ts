import type { TaggedMediaSource } from './guest-media.ts';
import type { TaggedIntake } from './tagged-intake.ts';

export interface TagsPollDeps {
  intake: Pick<TaggedIntake, 'addFromSource'>;
  source: TaggedMediaSource;
  /** The accounts whose login has the `/tags` edge: those connected with Facebook Login. */
  accounts: () => Promise<string[]>;
  /** How far back each look reads; candidates outside every event are dropped anyway. */
  lookbackMs: number;
  now?: () => number;
}

/**
 * One look at each Facebook Login account's `/tags`: new posts in an event's window become
 * pending candidates (a post seen before adds nothing). An account that fails is reported and
 * the others still run.
 */
export async function pollTaggedPosts(
  deps: TagsPollDeps,
): Promise<{ accountId: string; added?: number; error?: Error }[]> {
  const since = new Date((deps.now ?? Date.now)() - deps.lookbackMs).toISOString();
  const results: { accountId: string; added?: number; error?: Error }[] = [];
  for (const accountId of await deps.accounts()) {
    try {
      results.push({
        accountId,
        added: await deps.intake.addFromSource(deps.source, accountId, since),
      });
    } catch (error) {
      results.push({ accountId, error: error as Error });
    }
  }
  return results;
}
