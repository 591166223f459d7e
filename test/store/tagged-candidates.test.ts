import { describe, expect, it } from 'vitest';
import type { TaggedCandidate } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

// Guests' tagged and mentioned posts (migration 9) on a sqlite file and a real PostgreSQL.

const candidate = (mediaId: string, overrides: Partial<TaggedCandidate> = {}): TaggedCandidate => ({
  mediaId,
  accountId: '17841400000000001',
  eventId: 'night-run',
  source: 'comment-mention',
  author: 'guest.one',
  caption: 'Loved it @brand — «ünïcode»',
  mediaUrls: ['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg'],
  postedAt: '2026-05-01T20:00:00.000Z',
  status: 'pending',
  receivedAt: '2026-05-01T20:01:00.000Z',
  ...overrides,
});

describe.each(BACKENDS)('tagged candidates in $name', (backend) => {
  useBackend(backend);

  it('keeps every field, and a second notice of the same post changes nothing', async () => {
    const store = await backend.open();
    const first = candidate('m1', {
      permalink: 'https://www.instagram.com/p/abc/',
      mediaType: 'IMAGE',
    });
    expect(await store.addTaggedCandidate(first)).toBe(true);
    await store.setTaggedCandidateStatus('m1', 'approved', ['pending'], '2026-05-02T00:00:00.000Z');
    expect(
      await store.addTaggedCandidate(
        candidate('m1', { author: 'someone.else', status: 'pending' }),
      ),
    ).toBe(false);
    expect(await store.getTaggedCandidate('m1')).toEqual({
      ...first,
      status: 'approved',
      reviewedAt: '2026-05-02T00:00:00.000Z',
    });
    expect(await store.getTaggedCandidate('nope')).toBeUndefined();
  });

  it('lists by event and status, oldest post first', async () => {
    const store = await backend.open();
    await store.addTaggedCandidate(candidate('late', { postedAt: '2026-05-01T23:00:00.000Z' }));
    await store.addTaggedCandidate(candidate('early', { postedAt: '2026-05-01T19:00:00.000Z' }));
    await store.addTaggedCandidate(candidate('other', { eventId: 'other-event' }));
    await store.setTaggedCandidateStatus(
      'late',
      'rejected',
      ['pending'],
      '2026-05-02T00:00:00.000Z',
    );
    const ids = (list: TaggedCandidate[]) => list.map((each) => each.mediaId);
    expect(ids(await store.listTaggedCandidates())).toEqual(['early', 'other', 'late']);
    expect(ids(await store.listTaggedCandidates({ eventId: 'night-run' }))).toEqual([
      'early',
      'late',
    ]);
    expect(
      ids(await store.listTaggedCandidates({ eventId: 'night-run', status: ['pending'] })),
    ).toEqual(['early']);
    expect(ids(await store.listTaggedCandidates({ status: ['rejected', 'approved'] }))).toEqual([
      'late',
    ]);
    expect(await store.listTaggedCandidates({ status: [] })).toEqual([]);
  });

  it('changes a status only from the ones allowed: of two reviewers, one wins', async () => {
    const store = await backend.open();
    await store.addTaggedCandidate(candidate('m1'));
    const at = '2026-05-02T00:00:00.000Z';
    const [approve, reject] = await Promise.all([
      store.setTaggedCandidateStatus('m1', 'approved', ['pending'], at),
      store.setTaggedCandidateStatus('m1', 'rejected', ['pending'], at),
    ]);
    expect([approve, reject].filter(Boolean)).toHaveLength(1);
    const status = (await store.getTaggedCandidate('m1'))?.status;
    expect(status).toBe(approve ? 'approved' : 'rejected');
    expect(await store.setTaggedCandidateStatus('m1', 'removed', [], at)).toBe(false);
    expect(await store.setTaggedCandidateStatus('missing', 'approved', ['pending'], at)).toBe(
      false,
    );
  });

  it('refuses a status the schema does not know', async () => {
    const store = await backend.open();
    await expect(
      store.addTaggedCandidate(candidate('m1', { status: 'shown' as TaggedCandidate['status'] })),
    ).rejects.toThrow(/Cannot store a tagged post/);
    expect(await backend.count('tagged_candidates')).toBe(0);
  });
});
