import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GraphClient, type GraphMedia } from '../../integration/graph/index.ts';
import { eventPostItems } from '../../integration/publish/event-posts.ts';
import { loadEvents } from '../../integration/events/events.ts';
import type { GalleryEvent } from '../../integration/events/event-file.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let emulator: RunningEmulator;
let client: GraphClient;
let events: GalleryEvent[];

beforeAll(async () => {
  emulator = await startEmulator();
  client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: emulator.demoToken });
  events = await loadEvents(ROOT, 'content/events', { before: '1h', after: '12h' });
});
afterAll(() => emulator.close());

/** Every post of the account, read without since/until, as the expectation. */
async function allPosts(userId: string): Promise<GraphMedia[]> {
  const posts: GraphMedia[] = [];
  for await (const page of client.paginate<GraphMedia>(`/${userId}/media`, {
    fields: 'id,media_type,timestamp,children{id,media_type}',
    limit: 100,
  }))
    posts.push(...page);
  return posts;
}

describe("an event's Instagram posts on the publish page", () => {
  it('lists every photo and video posted in the window, carousel children one by one, in one request', async () => {
    const me = await client.get<{ user_id: string }>('/me', { fields: 'user_id' });
    const event = events.find((candidate) => candidate.id === '2026-04-29')!;
    const from = Date.parse(event.window.fromUtc);
    const to = Date.parse(event.window.toUtc);
    const at = (timestamp: string) => Date.parse(timestamp.replace(/(\d{2})(\d{2})$/, '$1:$2'));
    const expected = (await allPosts(me.user_id))
      .filter((post) => at(post.timestamp) >= from && at(post.timestamp) <= to)
      .flatMap((post) =>
        post.media_type === 'CAROUSEL_ALBUM'
          ? post.children!.data.map((child) => child.id)
          : [post.id],
      );
    expect(expected.length).toBeGreaterThan(2);

    emulator.control.reset();
    const items = await eventPostItems(client, me.user_id, event);
    expect(items.map((item) => item.mediaId)).toEqual(expected);
    expect(emulator.control.counts().byRoute['GET /{ig-user-id}/media']).toBe(1);
    const child = items.find((item) => item.position === 2);
    expect(child, 'a carousel child').toBeDefined();
    expect(child!.postId).not.toBe(child!.mediaId);
  });

  it('marks a blocked item (no file) and gives each video its length, never a file URL', async () => {
    const me = await client.get<{ user_id: string }>('/me', { fields: 'user_id' });
    const byId = async (eventId: string) =>
      new Map(
        (await eventPostItems(client, me.user_id, events.find((e) => e.id === eventId)!)).map(
          (item) => [item.mediaId, item],
        ),
      );
    const festival = await byId('2026-06-20-summer-festival');
    // "Headliner singalong": copyright-blocked, so Graph leaves out its media_url.
    expect(festival.get('17943777052255343')).toMatchObject({ mediaType: 'video', noFile: true });
    expect(festival.get('17943777052255343')).not.toHaveProperty('durationSeconds');
    // The day-one carousel's video: the emulator's 2 s sample, too short to publish.
    expect(festival.get('18099018019078277')).toMatchObject({
      mediaType: 'video',
      durationSeconds: 2,
    });
    expect(festival.get('18099018019078277')).not.toHaveProperty('noFile');
    // "The launch moment": the 4 s sample, the demo's reel that can be published again.
    const launch = await byId('2026-04-29');
    expect(launch.get('17918204126523495')).toMatchObject({
      mediaType: 'video',
      durationSeconds: 4,
    });
    for (const item of [...festival.values(), ...launch.values()]) {
      expect(Object.keys(item)).not.toContain('fileUrl');
      expect(JSON.stringify(item)).not.toMatch(/_n\.(mp4|jpg)/); // no CDN file URL
      if (item.mediaType === 'image') expect(item).not.toHaveProperty('durationSeconds');
    }
  });

  it('gives nothing for an event the account posted nothing in', async () => {
    const me = await client.get<{ user_id: string }>('/me', { fields: 'user_id' });
    const event = events.find((candidate) => candidate.id === '2026-12-05-winter-market')!;
    expect(await eventPostItems(client, me.user_id, event)).toEqual([]);
  });
});
