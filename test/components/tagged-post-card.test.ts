import { getCollection } from 'astro:content';
import { beforeAll, describe, expect, it } from 'vitest';
import InstagramPostCard from '../../integration/components/InstagramPostCard.astro';
import { resolveLabels } from '../../integration/components/labels.ts';
import type { InstagramPostData } from '../../integration/components/timeline.ts';
import { render, tags, textOf } from './render.ts';

// A guest's approved post as the instagram loader makes it (see integration/sync/tagged-entries.ts),
// on the fixture's picture of an Instagram post.
let post: InstagramPostData;
beforeAll(async () => {
  const withPicture = (await getCollection('instagram')).find(
    (entry) => entry.data.items.length === 1 && entry.data.items[0]?.kind === 'image',
  )!;
  post = {
    ...withPicture.data,
    eventIds: ['2026-05-01-launch'],
    feed: false,
    caption: 'Launch night with the crew',
    permalink: 'https://www.instagram.com/p/AAA/',
    username: 'guest.ana',
    taggedBy: { author: 'guest.ana', profile: 'https://www.instagram.com/guest.ana/', via: 'tag' },
  };
});
const card = (overrides: Partial<InstagramPostData> = {}, labels = resolveLabels(undefined)) =>
  render(InstagramPostCard, { post: { ...post, ...overrides }, timeZone: 'UTC', labels });

describe('a tagged post’s card', () => {
  it('says who tagged the account, credits the author and links to the post', async () => {
    const html = await card();
    const text = textOf(html);
    expect(text).toContain('Tagged by @guest.ana');
    expect(text).not.toMatch(/\bInstagram \d/); // not the brand's own badge
    expect(text).toContain('Launch night with the crew');
    const links = tags(html, 'a').map((a) => a.href);
    expect(links).toContain('https://www.instagram.com/p/AAA/');
    expect(links).toContain('https://www.instagram.com/guest.ana/');
    expect(html).not.toMatch(/cdninstagram|fbcdn/);
  });

  it('takes its badge from the labels', async () => {
    const html = await card({}, resolveLabels({ taggedBy: (author) => `Markiert von @${author}` }));
    expect(textOf(html)).toContain('Markiert von @guest.ana');
  });

  it('without a picture or a post link (a mention through Instagram Login), keeps the words and the credit', async () => {
    const { permalink: _, ...withoutLink } = post;
    const html = await render(InstagramPostCard, {
      post: { ...withoutLink, items: [{ id: 'x-0', kind: 'unavailable' }], caption: 'so good' },
      timeZone: 'UTC',
      labels: resolveLabels(undefined),
    });
    expect(tags(html, 'img')).toEqual([]);
    expect(textOf(html)).toContain('so good');
    expect(tags(html, 'a').map((a) => a.href)).toEqual(['https://www.instagram.com/guest.ana/']);
  });

  it('an own post keeps the Instagram badge and no credit line', async () => {
    const { taggedBy: _, ...own } = post;
    const html = await render(InstagramPostCard, {
      post: own,
      timeZone: 'UTC',
      labels: resolveLabels(undefined),
    });
    expect(textOf(html)).not.toContain('Tagged by');
    expect(html).not.toContain('ais-credit');
  });
});
