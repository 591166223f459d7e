import { expect, test, type APIRequestContext } from '@playwright/test';
import { SITE_URL } from '../admin/server-env.ts';
import { demoEvents, MAIN_EVENT, moderation } from '../support.ts';
import { jsonFeedValidator } from './json-feed-schema.ts';

interface Feed {
  title: string;
  home_page_url: string;
  feed_url: string;
  items: {
    id: string;
    url: string;
    image?: string;
    date_published: string;
    content_text: string;
    attachments?: { url: string }[];
  }[];
}

const validate = jsonFeedValidator();
const FEEDS = ['/instagram/feed.json', ...demoEvents().map((event) => `/g/${event.id}.json`)];

async function feed(request: APIRequestContext, path: string): Promise<Feed> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toMatch(/^application\/(feed\+)?json/);
  return (await response.json()) as Feed;
}

test.describe('The JSON feeds', () => {
  test('the schema refuses what JSON Feed 1.1 refuses', () => {
    const valid = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      items: [{ id: '1', content_text: 'x', date_published: '2026-04-29T18:00:00Z' }],
    };
    expect(validate(valid)).toEqual([]);
    expect(validate({ ...valid, version: 'https://jsonfeed.org/version/1' })).not.toEqual([]);
    expect(validate({ ...valid, items: [{ id: '1' }] }), 'an item without content').not.toEqual([]);
    expect(
      validate({ ...valid, items: [{ id: 1, content_text: 'x' }] }),
      'a numeric id',
    ).not.toEqual([]);
    expect(
      validate({ ...valid, items: [{ id: '1', content_text: 'x', date_published: '29/04/2026' }] }),
      'a date that is not RFC 3339',
    ).not.toEqual([]);
    expect(
      validate({ ...valid, items: [{ id: '1', content_text: 'x', image: 'not a url' }] }),
    ).not.toEqual([]);
    expect(
      validate({ ...valid, home_page: 'https://x.example/' }),
      'a member the spec does not define',
    ).not.toEqual([]);
    expect(validate({ ...valid, _ais: { source: 'x' } }), 'an extension').toEqual([]);
  });

  for (const path of FEEDS) {
    test(`${path} is valid JSON Feed 1.1 whose images are this site's own`, async ({ request }) => {
      const body = await feed(request, path);
      expect(validate(body)).toEqual([]);
      expect(body.feed_url).toBe(`${SITE_URL}${path}`);
      expect(body.home_page_url.startsWith(`${SITE_URL}/`)).toBe(true);
      const times = body.items.map((item) => Date.parse(item.date_published));
      expect(times, 'newest first').toEqual([...times].sort((a, b) => b - a));
      expect(new Set(body.items.map((item) => item.id)).size, 'unique ids').toBe(body.items.length);

      for (const item of body.items) {
        expect(item.image, `image of ${item.id}`).toBeDefined();
        for (const url of [item.image!, ...(item.attachments ?? []).map((a) => a.url)]) {
          expect(url.startsWith(`${SITE_URL}/`), `${url} is an absolute URL of this site`).toBe(
            true,
          );
          expect(url).not.toMatch(/cdninstagram|fbcdn/);
        }
        const image = await request.get(item.image!);
        expect(image.status(), item.image).toBe(200);
        expect(image.headers()['content-type'], item.image).toMatch(/^image\//);
        expect(item.url).toMatch(
          item.id.startsWith('instagram:')
            ? /^https:\/\/www\.instagram\.com\/(p|reel|tv)\//
            : new RegExp(`^${SITE_URL}/g/[a-z0-9-]+/$`),
        );
      }
    });
  }

  test("an event's feed holds its gallery: every approved guest photo and every matching post", async ({
    request,
    page,
  }) => {
    const body = await feed(request, `/g/${MAIN_EVENT}.json`);
    await page.goto(`/g/${MAIN_EVENT}/`);
    const gallery = await page
      .locator('ol.ais-timeline > li')
      .evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-source')}:${li.getAttribute('data-id')}`),
      );
    expect(body.items.map((item) => item.id).sort()).toEqual(gallery.sort());
    expect(body.items.filter((item) => item.id.startsWith('guest:'))).toHaveLength(
      moderation(MAIN_EVENT).approved.length,
    );
    expect(body.home_page_url).toBe(`${SITE_URL}/g/${MAIN_EVENT}/`);
  });

  test('the Instagram feed holds at most the 24 newest posts', async ({ request }) => {
    const body = await feed(request, '/instagram/feed.json');
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.length).toBeLessThanOrEqual(24);
    expect(body.items.every((item) => item.id.startsWith('instagram:'))).toBe(true);
  });
});
