import type { StateStore, TaggedCandidateStatus } from '../store/index.ts';

export type CandidateAction = 'approve' | 'reject' | 'remove' | 'restore';

/** What each action sets, and from which statuses (a takedown is `remove`, of approved ones). */
const ACTIONS: Record<
  CandidateAction,
  { to: TaggedCandidateStatus; from: readonly TaggedCandidateStatus[] }
> = {
  approve: { to: 'approved', from: ['pending', 'rejected', 'removed'] },
  reject: { to: 'rejected', from: ['pending'] },
  remove: { to: 'removed', from: ['approved'] },
  restore: { to: 'pending', from: ['rejected', 'removed'] },
};

/**
 * Applies an action to each candidate of `mediaIds`; returns those it changed (the rest were
 * not in a status the action applies to, or are gone).
 */
export async function reviewCandidates(
  store: Pick<StateStore, 'setTaggedCandidateStatus'>,
  mediaIds: readonly string[],
  action: CandidateAction,
  at: string,
): Promise<string[]> {
  const { to, from } = ACTIONS[action];
  const changed: string[] = [];
  for (const mediaId of mediaIds)
    if (await store.setTaggedCandidateStatus(mediaId, to, from, at)) changed.push(mediaId);
  return changed;
}

/** Whether an action changes what a gallery shows (a rebuild is due). */
export function changesGallery(action: CandidateAction): boolean {
  return action === 'approve' || action === 'remove';
}
