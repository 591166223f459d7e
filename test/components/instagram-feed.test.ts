import { describe, expect, it } from 'vitest';
import InstagramFeed from '../../integration/components/InstagramFeed.astro';
import { classesOf, itemIds, render, tags, textOf } from './render.ts';

/**
 * The fixture's feed posts, newest first: northlight.events nl-5, nl-3 (carousel), nl-2 (video),
 * nl-1, nl-4; othervenue ov-1, ov-2 (video), ov-3 (a video Instagram gave no media for).
 * #berlin: nl-5, nl-2, nl-1, ov-1. The ev-* posts are event posts only (`feed: false`).
 */
const feed = (props: Record<string, unknown> = {}) => render(InstagramFeed, props);

describe('<InstagramFeed>', () => {
  it('shows the feed posts of every account, newest first, and no event-only post', async () => {
    expect(itemIds(await feed())).toEqual([
      'nl-5',
      'ov-1',
      'nl-3',
      'nl-2',
      'nl-1',
      'nl-4',
      'ov-2',
      'ov-3',
    ]);
  });

  it('shows one account, named with or without @ in any case', async () => {
    const northlight = ['nl-5', 'nl-3', 'nl-2', 'nl-1', 'nl-4'];
    expect(itemIds(await feed({ account: 'northlight.events' }))).toEqual(northlight);
    expect(itemIds(await feed({ account: '@NorthLight.Events' }))).toEqual(northlight);
    expect(itemIds(await feed({ account: 'othervenue' }))).toEqual(['ov-1', 'ov-2', 'ov-3']);
  });

  it('shows at most `limit` posts, the newest', async () => {
    expect(itemIds(await feed({ limit: 2 }))).toEqual(['nl-5', 'ov-1']);
    expect(itemIds(await feed({ account: 'northlight.events', limit: 3 }))).toEqual([
      'nl-5',
      'nl-3',
      'nl-2',
    ]);
  });

  it('filters by hashtag, any case, # optional', async () => {
    expect(itemIds(await feed({ filter: { hashtag: 'berlin' } }))).toEqual([
      'nl-5',
      'ov-1',
      'nl-2',
      'nl-1',
    ]);
    expect(
      itemIds(await feed({ account: 'northlight.events', filter: { hashtag: '#BERLIN' } })),
    ).toEqual(['nl-5', 'nl-2', 'nl-1']);
  });

  it('filters by media type, alone or with a hashtag', async () => {
    expect(itemIds(await feed({ filter: { mediaType: 'VIDEO' } }))).toEqual([
      'nl-2',
      'ov-2',
      'ov-3',
    ]);
    expect(itemIds(await feed({ filter: { mediaType: 'CAROUSEL_ALBUM' } }))).toEqual(['nl-3']);
    expect(itemIds(await feed({ filter: { hashtag: 'berlin', mediaType: 'IMAGE' } }))).toEqual([
      'nl-5',
      'ov-1',
      'nl-1',
    ]);
  });

  it('says so when no post passes, with no list', async () => {
    const html = await feed({ account: 'someone.else' });
    expect(textOf(html)).toBe('No Instagram posts yet.');
    expect(html).not.toContain('<ol');
  });

  it('renders the gallery cards without a source filter, with the date and time in the given zone', async () => {
    const html = await feed({ limit: 1, timeZone: 'Europe/Berlin' });
    expect(html).not.toContain('<fieldset');
    expect(tags(html, 'li')[0]).toMatchObject({
      'data-source': 'instagram',
      'data-id': 'nl-5',
      'data-at': '2026-12-01T10:00:00Z',
    });
    expect(textOf(html)).toContain(
      'Instagram 1 Dec 2026, 11:00 · @northlight.events View on Instagram #berlin at night',
    );
    expect(textOf(await feed({ limit: 1 }))).toContain('1 Dec 2026, 10:00'); // UTC by default
    expect(tags(html, 'a').filter((a) => 'data-pswp-width' in a)).toHaveLength(1);
  });

  it('keeps a carousel in one card and a video as a player', async () => {
    const carousel = await feed({ filter: { mediaType: 'CAROUSEL_ALBUM' } });
    expect(tags(carousel, 'div').find((div) => div.role === 'group')?.['aria-label']).toBe(
      'Carousel of 2',
    );
    expect(textOf(carousel)).toContain('· 2 items');
    const video = await feed({ account: 'northlight.events', filter: { mediaType: 'VIDEO' } });
    expect(tags(video, 'video')[0]).toMatchObject({ preload: 'none' });
    const blocked = await feed({ account: 'othervenue', filter: { mediaType: 'VIDEO' }, limit: 3 });
    expect(textOf(blocked)).toContain('This video can’t be played here. Watch it on Instagram');
  });

  it('says a video without its file plays only on Instagram, with nothing that looks playable', async () => {
    const html = await feed({ account: 'othervenue', filter: { mediaType: 'VIDEO' } });
    const card = html.slice(html.indexOf('data-id="ov-3"'));
    expect(textOf(card)).toContain('This video can’t be played here. Watch it on Instagram');
    expect(tags(card, 'a').map((a) => a.href)).toContain('https://www.instagram.com/reel/ov-3/');
    expect(card).not.toContain('<video');
    expect(card).not.toContain('<img');
    expect(tags(card, 'a').filter((a) => 'data-pswp-width' in a)).toEqual([]);
  });

  it.each(['grid', 'masonry', 'strip'])('lays the posts out as a %s', async (layout) => {
    expect(classesOf(await feed({ layout }), 'ol')).toEqual([
      'ais-timeline',
      `ais-layout-${layout}`,
    ]);
  });

  it('refuses a media type Instagram does not have', async () => {
    await expect(feed({ filter: { mediaType: 'REEL' } })).rejects.toThrow(
      '<InstagramFeed filter.mediaType="REEL">: filter.mediaType must be one of "IMAGE", "VIDEO", "CAROUSEL_ALBUM".',
    );
  });
});
