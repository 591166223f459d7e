import { getCollection } from 'astro:content';
import { describe, expect, it } from 'vitest';
import PrivateGallery from '../../integration/components/PrivateGallery.astro';
import { itemIds, render, tags, textOf } from './render.ts';

/** A private event's photos as the server lists them: in no collection, served by the gated route. */
const EVENT = {
  id: 'board-dinner',
  title: 'Board Dinner',
  timezone: 'Europe/Berlin',
  startUtc: '2026-05-01T17:00:00.000Z',
  uploads: { enabled: false },
};
const photo = (name: string, takenAt: string, width: number, height: number) => ({
  id: `${EVENT.id}/${name}`,
  eventId: EVENT.id,
  name,
  width,
  height,
  takenAt,
  uploader: 'Ines',
});
const PHOTOS = [
  photo('toast.jpg', '2026-05-01T18:15:00.000Z', 640, 480),
  photo('big view.jpg', '2026-05-01T19:00:00.000Z', 4000, 3000),
];

describe('<PrivateGallery>', () => {
  it('shows the given photos and posts on one timeline, pictures from the gated photo route', async () => {
    const posts = (await getCollection('instagram')).slice(0, 1);
    const html = await render(PrivateGallery, { event: EVENT, photos: PHOTOS, posts });
    expect(itemIds(html)).toEqual(
      expect.arrayContaining([`${EVENT.id}/toast.jpg`, `${EVENT.id}/big view.jpg`, posts[0]!.id]),
    );
    const [small, big] = tags(html, 'img').filter((img) => img.src?.startsWith('/g/'));
    // A photo is never enlarged: 640 px wide, it is offered at 480 and at its own width.
    expect(small).toMatchObject({
      src: '/g/board-dinner/photos/toast.jpg?w=960',
      srcset:
        '/g/board-dinner/photos/toast.jpg?w=480 480w, /g/board-dinner/photos/toast.jpg?w=960 640w',
      width: '640',
      height: '480',
    });
    expect(big?.srcset).toBe(
      [480, 960, 1440, 2048]
        .map((w) => `/g/board-dinner/photos/big%20view.jpg?w=${w} ${w}w`)
        .join(', '),
    );
    // The lightbox opens the 2048 px re-encode, with its size.
    const frames = tags(html, 'a').filter(
      (a) => 'data-pswp-width' in a && a.href?.startsWith('/g/'),
    );
    expect(frames[1]).toMatchObject({
      href: '/g/board-dinner/photos/big%20view.jpg?w=2048',
      'data-pswp-width': '2048',
      'data-pswp-height': '1536',
    });
    expect(textOf(html)).toContain('Guests (2)');
  });

  it('says the gallery is empty when it has nothing yet', async () => {
    const html = await render(PrivateGallery, { event: EVENT, photos: [], posts: [] });
    expect(itemIds(html)).toEqual([]);
    expect(textOf(html)).toMatch(/no photos/i);
  });
});
