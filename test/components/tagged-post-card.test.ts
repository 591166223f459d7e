import { getCollection } from 'astro:content';
import { beforeAll, describe, expect, it } from 'vitest';
import TaggedPostCard from '../../integration/components/TaggedPostCard.astro';
import { resolveLabels } from '../../integration/components/labels.ts';
import { render, tags, textOf } from './render.ts';

const post = {
  eventId: '2026-05-01-launch',
  author: 'guest.ana',
  authorUrl: 'https://www.instagram.com/guest.ana/',
  permalink: 'https://www.instagram.com/p/AAA/',
  caption: 'Launch night with the crew',
  postedAt: '2026-05-01T19:30:00.000Z',
  pictures: [] as { image: ImageMetadata }[],
};
// A picture as a collection gives it: the fixture's guest photo, through astro:assets.
beforeAll(async () => {
  const [photo] = await getCollection('guestPhotos');
  post.pictures = [{ image: photo!.data.image }];
});
const card = (overrides: Record<string, unknown> = {}) =>
  render(TaggedPostCard, {
    post: { ...post, ...overrides },
    timeZone: 'UTC',
    labels: resolveLabels(undefined),
  });

describe('a tagged post’s card', () => {
  it('says who tagged the account, credits the author and links to the post', async () => {
    const html = await card();
    const text = textOf(html);
    expect(text).toContain('Tagged by @guest.ana');
    expect(text).toContain('Photo by @guest.ana');
    expect(text).toContain('Launch night with the crew');
    const links = tags(html, 'a').map((a) => a.href);
    expect(links).toContain('https://www.instagram.com/p/AAA/');
    expect(links).toContain('https://www.instagram.com/guest.ana/');
  });

  it('shows the picture copied into the site, never an Instagram CDN URL', async () => {
    const html = await card();
    const sources = [...tags(html, 'img'), ...tags(html, 'source')].flatMap((tag) => [
      tag.src ?? '',
      tag.srcset ?? '',
    ]);
    expect(sources.join(' ')).toMatch(/\/_image\?|\/@fs\/|\.(jpg|webp|avif)/);
    expect(html).not.toMatch(/cdninstagram|fbcdn/);
    expect(tags(html, 'img')[0]?.alt).toBe('Launch night with the crew');
  });

  it('without a picture or a post link (a mention through Instagram Login), keeps the words and the credit', async () => {
    const html = await card({ pictures: [], permalink: undefined, caption: '@brand so good' });
    expect(tags(html, 'img')).toEqual([]);
    expect(textOf(html)).toContain('@brand so good');
    expect(textOf(html)).not.toContain('View on Instagram');
    expect(tags(html, 'a').map((a) => a.href)).toEqual(['https://www.instagram.com/guest.ana/']);
  });
});
