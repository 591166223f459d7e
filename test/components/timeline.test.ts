import { describe, expect, it } from 'vitest';
import { mergeTimeline } from '../../integration/components/timeline.ts';

const guest = (id: string, takenAt: string) => ({
  id,
  data: { takenAt, uploader: `uploader of ${id}` },
});
const ig = (id: string, timestamp: string) => ({
  id,
  data: { timestamp, caption: `caption of ${id}` },
});
const order = (entries: { kind: string; id: string }[]) =>
  entries.map((entry) => `${entry.kind}:${entry.id}`);

describe('mergeTimeline', () => {
  it('puts guest photos and Instagram posts together, oldest first', () => {
    const timeline = mergeTimeline(
      [guest('g-late', '2026-04-29T21:00:00Z'), guest('g-early', '2026-04-29T17:00:00Z')],
      [ig('p-mid', '2026-04-29T19:00:00+0000'), ig('p-first', '2026-04-29T16:30:00Z')],
    );
    expect(order(timeline)).toEqual([
      'instagram:p-first',
      'guest:g-early',
      'instagram:p-mid',
      'guest:g-late',
    ]);
  });

  it('orders by instant, not by the text of timestamps with different offsets', () => {
    const timeline = mergeTimeline(
      [guest('berlin', '2026-04-29T20:00:00+02:00')], // 18:00Z
      [ig('utc', '2026-04-29T18:30:00Z')],
    );
    expect(order(timeline)).toEqual(['guest:berlin', 'instagram:utc']);
  });

  it('puts a guest photo before a post taken at the same instant', () => {
    const timeline = mergeTimeline(
      [guest('g', '2026-04-29T18:00:00.000Z')],
      [ig('p', '2026-04-29T20:00:00+02:00')],
    );
    expect(order(timeline)).toEqual(['guest:g', 'instagram:p']);
  });

  it('keeps that order when the post comes first in the input', () => {
    const timeline = mergeTimeline(
      [guest('g2', '2026-04-29T18:00:00Z'), guest('g1', '2026-04-29T18:00:00Z')],
      [ig('p2', '2026-04-29T18:00:00Z'), ig('p1', '2026-04-29T18:00:00Z')],
    );
    expect(order(timeline)).toEqual(['guest:g1', 'guest:g2', 'instagram:p1', 'instagram:p2']);
  });

  it('orders entries of one kind at the same instant by id', () => {
    const timeline = mergeTimeline(
      [],
      [
        ig('17900000000000003', '2026-04-29T18:00:00Z'),
        ig('17900000000000001', '2026-04-29T18:00:00Z'),
      ],
    );
    expect(order(timeline)).toEqual(['instagram:17900000000000001', 'instagram:17900000000000003']);
  });

  it('gives each entry its kind, id, time and data', () => {
    const timeline = mergeTimeline(
      [guest('g', '2026-04-29T18:00:00Z')],
      [ig('p', '2026-04-29T19:00:00Z')],
    );
    expect(timeline).toEqual([
      {
        kind: 'guest',
        id: 'g',
        at: '2026-04-29T18:00:00Z',
        data: { takenAt: '2026-04-29T18:00:00Z', uploader: 'uploader of g' },
      },
      {
        kind: 'instagram',
        id: 'p',
        at: '2026-04-29T19:00:00Z',
        data: { timestamp: '2026-04-29T19:00:00Z', caption: 'caption of p' },
      },
    ]);
  });

  it('returns an empty timeline for no photos and no posts', () => {
    expect(mergeTimeline([], [])).toEqual([]);
  });

  it('renders the same order whatever the input order', () => {
    const guests = [
      guest('a', '2026-04-29T18:00:00Z'),
      guest('b', '2026-04-29T17:00:00Z'),
      guest('c', '2026-04-29T18:00:00Z'),
    ];
    const posts = [ig('x', '2026-04-29T18:00:00Z'), ig('y', '2026-04-29T16:00:00Z')];
    const expected = ['instagram:y', 'guest:b', 'guest:a', 'guest:c', 'instagram:x'];
    expect(order(mergeTimeline(guests, posts))).toEqual(expected);
    expect(order(mergeTimeline([...guests].reverse(), [...posts].reverse()))).toEqual(expected);
  });
});
