/**
 * Facebook Login's tagged and mentioned posts, end to end over real HTTP: a guest's post made in
 * the emulator, read from its graph.facebook.com (`/tags`, `mentioned_media`), turned into a
 * candidate in a real sqlite store, approved, and read by the instagram loader's tagged-posts
 * step with its picture copied from the emulator's CDN into the site.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { loadEvents } from '../../integration/events/events.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { resolveOptions } from '../../integration/options.ts';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';
import { taggedPostEntries } from '../../integration/sync/tagged-entries.ts';
import {
  graphMediaReader,
  graphTagsSource,
  mentionedMediaReader,
  pollTaggedPosts,
  readerPerFlavour,
  reviewCandidates,
  TaggedIntake,
} from '../../integration/tagged/index.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { startWebhookSite } from '../helpers/webhook-site.ts';

const BRAND = '17841400000000001'; // northlight.events, connected with Facebook Login here
const IN_EVENT = '2026-07-04T12:00:00Z';

let emulator: RunningEmulator;
let root: string;
let token: string;
const clients: GraphClient[] = [];
const options = resolveOptions({ eventsDir: 'events', dataDir: '.data' }, {});

beforeAll(async () => {
  emulator = await startEmulator();
  token = emulator.control.issueToken({ kind: 'long', flavour: 'facebook' });
  root = await mkdtemp(path.join(os.tmpdir(), 'ais-fb-tagged-'));
  await mkdir(path.join(root, 'events'));
  await writeFile(
    path.join(root, 'events', 'harbour-day.yaml'),
    'title: Harbour day\ntimezone: UTC\nstart: 2026-07-04T10:00\nend: 2026-07-04T18:00\n',
  );
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator?.close();
  await rm(root, { recursive: true, force: true });
});

const clientFor = async (accountId: string) => {
  if (accountId !== BRAND) return undefined;
  const client = new GraphClient({ baseUrl: emulator.facebookGraphBase, accessToken: token });
  clients.push(client);
  return client;
};
const usernameOf = async (accountId: string) =>
  accountId === BRAND ? 'northlight.events' : undefined;
const events = () => loadEvents(root, 'events', options.window);

function intakeFor(store: Pick<StateStore, 'addTaggedCandidate'>) {
  return new TaggedIntake({
    store,
    events,
    // As the server chooses: this account's login is Facebook's.
    reader: readerPerFlavour(async () => 'facebook', {
      instagram: graphMediaReader(clientFor, usernameOf),
      facebook: mentionedMediaReader(clientFor, usernameOf),
    }),
    usernameOf,
  });
}

async function loaderEntries(dbPath: string) {
  const warnings: string[] = [];
  const list = await taggedPostEntries({
    root,
    options,
    events: await events(),
    logger: { info: () => {}, warn: (message) => warnings.push(message) },
    env: { IG_TOKEN_ENCRYPTION_KEY: TEST_KEY, STATE_DB_PATH: dbPath },
  });
  return { entries: new Map(list.map((entry) => [entry.id, entry])), warnings };
}

it('a post tagging the account in an event: pending from /tags, then approved into the gallery with its own copy of the picture', async () => {
  const tagged = emulator.control.addGuestPost({
    author: 'guest.ana',
    tags: [BRAND],
    caption: 'Boats!',
    timestamp: IN_EVENT,
  });
  const waiting = emulator.control.addGuestPost({
    author: 'guest.bo',
    tags: [BRAND],
    timestamp: '2026-07-04T13:00:00Z',
  });
  emulator.control.addGuestPost({
    author: 'guest.cy',
    tags: [BRAND],
    timestamp: '2026-08-01T00:00:00Z',
  });
  const dbPath = path.join(root, 'tags.db');
  const store = await openSqliteStore({
    path: dbPath,
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  try {
    const poll = () =>
      pollTaggedPosts({
        intake: intakeFor(store),
        source: graphTagsSource(clientFor),
        accounts: async () => [BRAND],
        lookbackMs: 10 * 365 * 86_400_000,
      });
    expect(await poll()).toEqual([{ accountId: BRAND, added: 2 }]);
    expect(await poll()).toEqual([{ accountId: BRAND, added: 0 }]); // seen already
    expect(emulator.control.counts().byRoute['GET /{ig-user-id}/tags']).toBe(2);
    const candidates = await store.listTaggedCandidates();
    expect(candidates.map((each) => [each.mediaId, each.status, each.source])).toEqual(
      expect.arrayContaining([
        [tagged.id, 'pending', 'tag'],
        [waiting.id, 'pending', 'tag'],
      ]),
    );
    expect(candidates).toHaveLength(2); // the August post is outside every event
    expect(candidates.find((each) => each.mediaId === tagged.id)).toMatchObject({
      author: 'guest.ana',
      eventId: 'harbour-day',
      permalink: tagged.permalink,
      caption: 'Boats!',
      mediaUrls: [expect.stringContaining('/cdn/')],
    });
    // Pending posts never reach a build.
    expect((await loaderEntries(dbPath)).entries.size).toBe(0);
    expect(await reviewCandidates(store, [tagged.id], 'approve', new Date().toISOString())).toEqual(
      [tagged.id],
    );
  } finally {
    await store.close();
  }
  const { entries, warnings } = await loaderEntries(dbPath);
  expect(warnings).toEqual([]);
  expect([...entries.keys()]).toEqual([tagged.id]);
  const entry = entries.get(tagged.id)!;
  expect(entry.data).toMatchObject({
    eventIds: ['harbour-day'],
    feed: false,
    username: 'guest.ana',
    permalink: tagged.permalink,
    taggedBy: { author: 'guest.ana', via: 'tag' },
  });
  const items = entry.data.items as { kind: string; image: string }[];
  expect(items).toEqual([expect.objectContaining({ kind: 'image' })]);
  expect(items[0]?.image).toMatch(/^\.\/[0-9a-f]{64}\.(jpg|png|webp)$/);
  expect(JSON.stringify(entry)).not.toContain(emulator.origin);
});

it('a `mentions` notification becomes a pending candidate with the post’s picture and link', async () => {
  const post = emulator.control.addGuestPost({
    author: 'guest.dee',
    mentions: [BRAND],
    caption: 'Sunset with @northlight.events',
    timestamp: IN_EVENT,
  });
  const site = await startWebhookSite({
    facebookAppSecret: 'emulator-facebook-app-secret',
    process: (store) => {
      const intake = intakeFor(store);
      return async (event) => (await intake.fromWebhook(event)) ?? 'ignored';
    },
  });
  try {
    // Signed as Meta signs a Facebook Login app's notifications: with the Meta app's secret.
    const sent = await emulator.control.sendMentionWebhook({
      callbackUrl: site.callbackUrl,
      mediaId: post.id,
      appId: '990000000000002',
    });
    expect(sent.copies[0]?.delivered).toBe(true);
    await site.processor.whenIdle();
    expect(await site.store.listTaggedCandidates()).toEqual([
      expect.objectContaining({
        mediaId: post.id,
        accountId: BRAND,
        source: 'mention',
        author: 'guest.dee',
        caption: 'Sunset with @northlight.events',
        permalink: post.permalink,
        mediaUrls: [expect.stringContaining('/cdn/')],
        postedAt: new Date(IN_EVENT).toISOString(),
        eventId: 'harbour-day',
        status: 'pending',
      }),
    ]);
  } finally {
    await site.close();
  }
});

it('a notice of a post that does not mention the account stores nothing', async () => {
  const onlyTagged = emulator.control.addGuestPost({
    author: 'guest.eve',
    tags: [BRAND],
    timestamp: IN_EVENT,
  });
  const site = await startWebhookSite({
    process: (store) => {
      const intake = intakeFor(store);
      return async (event) => (await intake.fromWebhook(event)) ?? 'ignored';
    },
  });
  try {
    await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [
        { accountId: BRAND, changes: [{ field: 'mentions', value: { media_id: onlyTagged.id } }] },
      ],
    });
    await site.processor.whenIdle();
    expect(await site.store.listTaggedCandidates()).toEqual([]);
  } finally {
    await site.close();
  }
});

it('reads /tags page after page by its cursors (the edge gives no next link), back to `since`', async () => {
  emulator.control.reset();
  token = emulator.control.issueToken({ kind: 'long', flavour: 'facebook' });
  const start = Date.parse('2026-03-01T00:00:00Z');
  for (let i = 0; i < 120; i++)
    emulator.control.addGuestPost({
      author: `guest${i}`,
      tags: [BRAND],
      timestamp: new Date(start + i * 3_600_000).toISOString(),
    });
  const read: string[] = [];
  for await (const media of graphTagsSource(clientFor).tagged(BRAND, '2026-03-01T15:00:00Z'))
    read.push(media.author);
  // Newest first, down to the 15th hour: three pages of 50, the last one reaching past `since`.
  expect(read).toEqual(Array.from({ length: 105 }, (_, i) => `guest${119 - i}`));
  expect(emulator.control.counts().byRoute['GET /{ig-user-id}/tags']).toBe(3);
});
