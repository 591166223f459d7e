import { describe, expect, it } from 'vitest';
import EventGallery from '../../integration/components/EventGallery.astro';
import { classesOf, itemIds, render, tags, textOf } from './render.ts';

const LAUNCH = '2026-05-01-launch';
const guest = (name: string) => `${LAUNCH}/${name}`;
/** The launch's timeline, oldest first: three approved guest photos and three posts in its window. */
const TIMELINE = ['ev-1', guest('doors.jpg'), guest('band.jpg'), 'ev-2', guest('cake.jpg'), 'ev-3'];

const gallery = (props: Record<string, unknown> = {}) =>
  render(EventGallery, { event: LAUNCH, ...props });
const filterCounts = (html: string) =>
  textOf(html.match(/<fieldset[\s\S]*?<\/fieldset>/)?.[0] ?? '');

describe('<EventGallery> layout', () => {
  it('is a grid by default', async () => {
    expect(classesOf(await gallery(), 'ol')).toEqual(['ais-timeline', 'ais-layout-grid']);
  });

  it.each(['masonry', 'strip'])('is %s when asked, with the same items', async (layout) => {
    const html = await gallery({ layout });
    expect(classesOf(html, 'ol')).toEqual(['ais-timeline', `ais-layout-${layout}`]);
    expect(itemIds(html)).toEqual(TIMELINE);
  });

  it('refuses an unknown layout, naming the prop and the choices', async () => {
    await expect(gallery({ layout: 'carousel' })).rejects.toThrow(
      '<EventGallery layout="carousel">: layout must be one of "grid", "masonry", "strip".',
    );
  });
});

describe('<EventGallery> sources', () => {
  it('shows guest photos and posts on one timeline, oldest first, with a filter counting each', async () => {
    const html = await gallery();
    expect(itemIds(html)).toEqual(TIMELINE);
    expect(tags(html, 'input').map((input) => input.value)).toEqual(['all', 'guest', 'instagram']);
    expect(filterCounts(html)).toBe('Show All (6) Guests (3) Instagram (3)');
  });

  it('shows only guest photos with sources="guest", and no filter', async () => {
    const html = await gallery({ sources: 'guest' });
    expect(itemIds(html)).toEqual([guest('doors.jpg'), guest('band.jpg'), guest('cake.jpg')]);
    expect(tags(html, 'li').every((li) => li['data-source'] === 'guest')).toBe(true);
    expect(html).not.toContain('<fieldset');
  });

  it('shows only Instagram posts with sources="instagram", and no filter', async () => {
    const html = await gallery({ sources: 'instagram' });
    expect(itemIds(html)).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(html).not.toContain('<fieldset');
  });

  it('keeps the item markup pages and tests read: data-source, data-id and data-at first, in that order', async () => {
    const items = [
      ...(await gallery()).matchAll(
        /<li data-source="(guest|instagram)" data-id="([^"]+)" data-at="([^"]+)"/g,
      ),
    ];
    expect(items.map((match) => match[2])).toEqual(TIMELINE);
  });

  it('never shows a feed-only post or a pending photo', async () => {
    const html = await gallery();
    expect(html).not.toMatch(/data-id="(nl|ov)-/);
    expect(html).not.toContain('pending.jpg');
  });

  it('says what is missing when a source has nothing yet', async () => {
    expect(
      textOf(await render(EventGallery, { event: '2026-06-01-quiet', sources: 'guest' })),
    ).toBe('No guest photos yet.');
    expect(
      textOf(await render(EventGallery, { event: '2026-06-01-quiet', sources: 'instagram' })),
    ).toBe('No Instagram posts from this event yet.');
    expect(textOf(await render(EventGallery, { event: '2026-06-01-quiet' }))).toBe(
      'No photos yet. Approved guest photos and our Instagram posts from the event will appear here.',
    );
  });
});

describe('<EventGallery> limit', () => {
  it('shows the first N items of the timeline, and the filter counts what is shown', async () => {
    const html = await gallery({ limit: 4 });
    expect(itemIds(html)).toEqual(TIMELINE.slice(0, 4));
    expect(filterCounts(html)).toBe('Show All (4) Guests (2) Instagram (2)');
  });

  it('applies to the chosen source', async () => {
    expect(itemIds(await gallery({ sources: 'guest', limit: 2 }))).toEqual([
      guest('doors.jpg'),
      guest('band.jpg'),
    ]);
  });

  it('shows everything when it is larger than the timeline', async () => {
    expect(itemIds(await gallery({ limit: 100 }))).toEqual(TIMELINE);
  });

  it.each([0, -1, 2.5])('refuses %s', async (limit) => {
    await expect(gallery({ limit })).rejects.toThrow(
      `<EventGallery limit={${limit}}>: limit must be a whole number of at least 1`,
    );
  });
});
