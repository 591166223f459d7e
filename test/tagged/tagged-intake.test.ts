import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { loadEvents } from '../../integration/events/events.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import {
  graphMediaReader,
  mentions,
  TaggedIntake,
  type GuestMedia,
  type GuestMediaReader,
} from '../../integration/tagged/index.ts';
import { startWebhookSite } from '../helpers/webhook-site.ts';

// A comment that @mentions the account, sent by the emulator as Meta signs it, through the real
// webhook endpoint and processor into the sqlite store, the post read from the emulator over HTTP.

const BRAND = '17841400000000001'; // northlight.events, the seed's first account
const GUEST_MEDIA = '17985656739486297'; // a post of othervenue, the seed's second account
const EVENT_START = Date.parse('2026-05-01T10:00:00Z');

let emulator: RunningEmulator;
let eventsDir: string;
const clients: GraphClient[] = [];
beforeAll(async () => {
  emulator = await startEmulator();
  eventsDir = await mkdtemp(path.join(os.tmpdir(), 'ais-tagged-events-'));
  const event = (title: string, start: string, end: string, extra = '') =>
    `title: ${title}\ntimezone: UTC\nstart: ${start}\nend: ${end}\n${extra}`;
  await writeFile(
    path.join(eventsDir, 'spring-fair.yaml'),
    event('Spring fair', '2026-05-01T10:00', '2026-05-01T18:00'),
  );
  await writeFile(
    path.join(eventsDir, 'fair-concert.yaml'),
    event('Concert at the fair', '2026-05-01T15:00', '2026-05-01T17:00'),
  );
  await writeFile(
    path.join(eventsDir, 'secret-dinner.yaml'),
    event('Secret dinner', '2026-06-01T18:00', '2026-06-01T22:00', 'visibility: private\n'),
  );
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator.close();
  await rm(eventsDir, { recursive: true, force: true });
});
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function siteWithIntake(reader?: GuestMediaReader) {
  const clientFor = async (accountId: string) => {
    if (accountId !== BRAND) return undefined;
    const client = new GraphClient({
      baseUrl: emulator.graphBase,
      accessToken: emulator.demoToken,
    });
    clients.push(client);
    return client;
  };
  const usernameOf = async (accountId: string) =>
    accountId === BRAND ? 'northlight.events' : undefined;
  let intake!: TaggedIntake;
  const site = await startWebhookSite({
    process: (store) => {
      intake = new TaggedIntake({
        store,
        events: () => loadEvents('/', eventsDir, { before: '0m', after: '0m' }),
        reader: reader ?? graphMediaReader(clientFor, usernameOf),
        usernameOf,
      });
      return async (event) => (await intake.fromWebhook(event)) ?? 'ignored';
    },
  });
  cleanups.push(site.close);
  const send = async (
    text: string,
    options: { mediaId?: string; at?: number; id?: string } = {},
  ) => {
    await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [
        {
          accountId: BRAND,
          time: Math.floor((options.at ?? EVENT_START + 3_600_000) / 1000),
          changes: [
            {
              field: 'comments',
              value: {
                from: { id: '9001', username: 'guest.ana' },
                id: options.id ?? `c-${text.length}-${options.mediaId ?? GUEST_MEDIA}`,
                text,
                media: { id: options.mediaId ?? GUEST_MEDIA, media_product_type: 'FEED' },
              },
            },
          ],
        },
      ],
    });
    await site.processor.whenIdle();
  };
  const sendMention = async (value: unknown) => {
    await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [
        {
          accountId: BRAND,
          time: Math.floor((EVENT_START + 3_600_000) / 1000),
          changes: [{ field: 'mentions', value }],
        },
      ],
    });
    await site.processor.whenIdle();
  };
  return { site, send, sendMention, intake: () => intake };
}

describe('mentions in comments become pending candidates', () => {
  it('keeps what the notification gave when Instagram Login cannot read the guest’s post', async () => {
    const { site, send } = await siteWithIntake();
    await send('So good, thanks @northlight.events!');
    const [candidate, ...rest] = await site.store.listTaggedCandidates();
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      mediaId: GUEST_MEDIA,
      accountId: BRAND,
      eventId: 'spring-fair',
      source: 'comment-mention',
      author: 'guest.ana',
      caption: 'So good, thanks @northlight.events!',
      mediaUrls: [],
      postedAt: new Date(EVENT_START + 3_600_000).toISOString(),
      status: 'pending',
    });
    expect(candidate?.permalink).toBeUndefined();
  });

  it('goes to the inner of two overlapping events, and a second notice adds nothing', async () => {
    const { site, send } = await siteWithIntake();
    await send('@northlight.events what a night', { at: EVENT_START + 5.5 * 3_600_000 });
    await send('again @NorthLight.Events', { at: EVENT_START + 5.5 * 3_600_000 });
    const candidates = await site.store.listTaggedCandidates();
    expect(candidates.map((each) => [each.eventId, each.caption])).toEqual([
      ['fair-concert', '@northlight.events what a night'],
    ]);
  });

  it('leaves out comments without the mention, the account’s own posts and times outside every public event', async () => {
    const { site, send } = await siteWithIntake();
    await send('nice photo @northlight.eventsfan');
    await send('email me at x@northlight.events');
    await send('@northlight.events', { at: Date.parse('2026-06-01T19:00:00Z') }); // private event
    await send('@northlight.events', { at: Date.parse('2027-01-01T00:00:00Z') });
    const own = '17937033512344707'; // the brand's own post: already in its galleries
    await send('@northlight.events look', { mediaId: own });
    expect(await site.store.listTaggedCandidates()).toEqual([]);
  });
});

describe('the mentions notification of Facebook Login', () => {
  it('needs a reader that can read the post: Instagram Login’s cannot, so nothing is stored', async () => {
    const { site, sendMention } = await siteWithIntake();
    await sendMention({ media_id: GUEST_MEDIA });
    expect(await site.store.listTaggedCandidates()).toEqual([]);
  });

  it('with one (as the Facebook Login flavour will plug in), is a pending "mention" candidate', async () => {
    const read: string[] = [];
    const reader: GuestMediaReader = {
      async read(accountId, mediaId) {
        read.push(`${accountId}/${mediaId}`);
        return {
          mediaId,
          author: 'guest.cy',
          permalink: 'https://www.instagram.com/p/CCC/',
          caption: 'with @northlight.events',
          mediaUrls: ['https://cdn.example/c.jpg'],
          postedAt: '2026-05-01T12:00:00.000Z',
        };
      },
    };
    const { site, sendMention } = await siteWithIntake(reader);
    await sendMention({ comment_id: '17894227972186120', media_id: '555' });
    expect(read).toEqual([`${BRAND}/555`]);
    expect(await site.store.listTaggedCandidates()).toMatchObject([
      {
        mediaId: '555',
        source: 'mention',
        author: 'guest.cy',
        permalink: 'https://www.instagram.com/p/CCC/',
        eventId: 'spring-fair',
        status: 'pending',
      },
    ]);
  });
});

describe('a source of tagged posts (the /tags edge of Facebook Login)', () => {
  it('adds each post of its window as a pending "tag" candidate, once', async () => {
    const { site, intake } = await siteWithIntake();
    const posts: GuestMedia[] = [
      {
        mediaId: 'g1',
        author: 'guest.bo',
        permalink: 'https://www.instagram.com/p/g1/',
        mediaUrls: ['https://cdn.example/g1.jpg'],
        postedAt: '2026-05-01T11:00:00.000Z',
      },
      { mediaId: 'g2', author: 'guest.bo', mediaUrls: [], postedAt: '2027-02-01T00:00:00.000Z' },
    ];
    const source = {
      async *tagged() {
        yield* posts;
      },
    };
    expect(await intake().addFromSource(source, BRAND, '2026-01-01T00:00:00Z')).toBe(1);
    expect(await intake().addFromSource(source, BRAND, '2026-01-01T00:00:00Z')).toBe(0);
    expect(await site.store.listTaggedCandidates()).toMatchObject([
      { mediaId: 'g1', source: 'tag', eventId: 'spring-fair', status: 'pending' },
    ]);
  });
});

describe('mentions', () => {
  it.each([
    ['hi @brand', true],
    ['@Brand!', true],
    ['(@brand.)', true],
    ['@brand_x', false],
    ['@brand.x', false],
    ['me@brand', false],
    ['@@brand', false],
    ['brand', false],
  ])('%s → %s', (text, expected) => {
    expect(mentions(text, 'brand')).toBe(expected);
  });
});
