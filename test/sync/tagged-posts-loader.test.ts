/**
 * The tagged posts the instagram loader adds to its collection (taggedPostEntries, what
 * `astro build` runs): read from the server's sqlite store, their pictures copied from the
 * emulator's CDN over HTTP into the media cache. Pending, rejected and removed posts, and posts
 * of private events, never become entries; no entry carries a CDN URL; each is in its event's
 * gallery and in no feed, marked `taggedBy`, and the collection's schema takes it.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import {
  openSqliteStore,
  TokenCipher,
  type TaggedCandidate,
} from '../../integration/store/index.ts';
import { loadEvents } from '../../integration/events/events.ts';
import { resolveOptions } from '../../integration/options.ts';
import { instagramPostSchema } from '../../integration/sync/schemas.ts';
import { taggedPostEntries } from '../../integration/sync/tagged-entries.ts';
import { z } from 'astro/zod';
import { TEST_KEY } from '../helpers/token-harness.ts';

let emulator: RunningEmulator;
let root: string;
let pictureUrls: string[];
const env = () => ({
  IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
  STATE_DB_PATH: path.join(root, 'state.db'),
});

beforeAll(async () => {
  emulator = await startEmulator();
  root = await mkdtemp(path.join(os.tmpdir(), 'ais-tagged-loader-'));
  await mkdir(path.join(root, 'events'));
  const event = (title: string, extra = '') =>
    `title: ${title}\ntimezone: UTC\nstart: 2026-07-04T10:00\nend: 2026-07-04T18:00\n${extra}`;
  await writeFile(path.join(root, 'events', 'harbour-day.yaml'), event('Harbour day'));
  await writeFile(
    path.join(root, 'events', 'crew-dinner.yaml'),
    event('Crew dinner', 'visibility: private\n'),
  );
  // Real signed CDN links, as a reader of Instagram would have stored them.
  const client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: emulator.demoToken });
  const { data } = await client.get<{ data: { media_type: string; media_url?: string }[] }>(
    '/me/media',
    { fields: 'media_type,media_url', limit: 20 },
  );
  await client.close();
  pictureUrls = data
    .flatMap((media) => (media.media_type === 'IMAGE' && media.media_url ? [media.media_url] : []))
    .slice(0, 2);
  expect(pictureUrls).toHaveLength(2);

  const store = await openSqliteStore({
    path: env().STATE_DB_PATH,
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  const candidate = (mediaId: string, overrides: Partial<TaggedCandidate>): TaggedCandidate => ({
    mediaId,
    accountId: '17841400000000001',
    eventId: 'harbour-day',
    source: 'tag',
    author: 'guest.ana',
    mediaUrls: [],
    postedAt: '2026-07-04T12:00:00.000Z',
    status: 'approved',
    receivedAt: '2026-07-04T12:01:00.000Z',
    ...overrides,
  });
  for (const each of [
    candidate('101', {
      mediaUrls: pictureUrls,
      permalink: 'https://www.instagram.com/p/AAA/',
      caption: 'Sunset at the harbour',
    }),
    candidate('102', { source: 'comment-mention', author: 'guest.bo', caption: '@brand yes!' }),
    candidate('103', { status: 'pending', mediaUrls: [pictureUrls[0]!] }),
    candidate('104', { status: 'rejected' }),
    candidate('105', { status: 'removed', mediaUrls: [pictureUrls[1]!] }),
    candidate('106', { eventId: 'crew-dinner' }),
    candidate('107', { eventId: 'deleted-event' }),
  ])
    await store.addTaggedCandidate(each);
  await store.close();
});

afterAll(async () => {
  await emulator?.close();
  await rm(root, { recursive: true, force: true });
});

async function load(environment: Record<string, string> = env()) {
  const warnings: string[] = [];
  const options = resolveOptions({ eventsDir: 'events', dataDir: '.data' }, {});
  const list = await taggedPostEntries({
    root,
    options,
    events: await loadEvents(root, 'events', options.window),
    logger: { info: () => {}, warn: (message) => warnings.push(message) },
    env: environment,
  });
  const entries = new Map(list.map((entry) => [entry.id, entry]));
  return { entries, warnings };
}

it('makes entries of the approved posts of public events only, pictures copied into the site', async () => {
  const { entries, warnings } = await load();
  expect(warnings).toEqual([]);
  expect([...entries.keys()].sort()).toEqual(['101', '102']);
  const withPictures = entries.get('101')!;
  expect(withPictures.data).toMatchObject({
    eventIds: ['harbour-day'],
    privateEventIds: [],
    feed: false,
    mediaType: 'CAROUSEL_ALBUM',
    username: 'guest.ana',
    permalink: 'https://www.instagram.com/p/AAA/',
    caption: 'Sunset at the harbour',
    timestamp: '2026-07-04T12:00:00.000Z',
    taggedBy: {
      author: 'guest.ana',
      profile: 'https://www.instagram.com/guest.ana/',
      via: 'tag',
    },
  });
  const pictures = withPictures.data.items as { kind: string; image: string }[];
  expect(pictures.map((item) => item.kind)).toEqual(['image', 'image']);
  for (const { image } of pictures) {
    expect(image).toMatch(/^\.\/[0-9a-f]{64}\.(jpg|png|webp)$/);
    const file = path.resolve(root, path.dirname(withPictures.filePath!), image);
    expect(existsSync(file)).toBe(true);
  }
  expect(entries.get('102')!.data).toMatchObject({
    mediaType: 'IMAGE',
    items: [{ id: '102-0', kind: 'unavailable' }],
    taggedBy: { author: 'guest.bo', via: 'comment-mention' },
  });
  // The instagram collection's schema takes them (image() checked as the path it is here).
  const schema = instagramPostSchema({ image: () => z.string() } as never);
  for (const entry of entries.values()) expect(schema.safeParse(entry.data).error).toBeUndefined();
  // Nothing of Instagram's CDN (the emulator's origin stands in for it) reaches an entry.
  expect(JSON.stringify([...entries.values()])).not.toContain(emulator.origin);
});

it('copies a picture once: the next build reads the cache, not the CDN', async () => {
  await load();
  const before = emulator.control.counts().total;
  const { entries } = await load();
  expect([...entries.keys()].sort()).toEqual(['101', '102']);
  expect(emulator.control.counts().total).toBe(before);
});

it('makes no entry without a readable store, and says why when the key is missing', async () => {
  const { entries, warnings } = await load({ STATE_DB_PATH: env().STATE_DB_PATH });
  expect(entries.size).toBe(0);
  expect(warnings.join('\n')).toMatch(/IG_TOKEN_ENCRYPTION_KEY is not set/);
  const none = await load({ STATE_DB_PATH: path.join(root, 'no-such.db') });
  expect(none).toEqual({ entries: new Map(), warnings: [] });
});
