import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { instagramLiveLoader, type LivePost } from '../../integration/live/index.ts';
import { livePostsOf } from '../../integration/live/live-posts.ts';
import { LiveMediaCache } from '../../integration/live/live-media-cache.ts';
import { LiveRuntime, resetLiveRuntime } from '../../integration/live/live-runtime.ts';
import { instagramLoginSource } from '../../integration/live/live-source.ts';
import { resolveOptions } from '../../integration/options.ts';
import type { InstagramConnection } from '../../integration/sync/instagram-connection.ts';
import { startMediaServer, type MediaServer } from '../../harness/media-server.ts';
import { listCalls, publishPost, writeLiveEvent } from './live-support.ts';

const TTL_MS = 60_000;
const silent = { debug() {}, info() {}, warn() {} };
let emulator: RunningEmulator;
let media: MediaServer;
let work: string;

beforeAll(async () => {
  media = await startMediaServer();
});
afterAll(async () => {
  await media.close();
});
beforeEach(async () => {
  emulator = await startEmulator();
  work = await mkdtemp(path.join(os.tmpdir(), 'ais-live-'));
});
afterEach(async () => {
  resetLiveRuntime();
  await emulator.close();
  await rm(work, { recursive: true, force: true });
});

/** The emulator's first account with a client that does not retry: each failure is one call. */
function connectOnce(): () => Promise<InstagramConnection[]> {
  return async () => {
    const client = new GraphClient({
      baseUrl: emulator.graphBase,
      accessToken: emulator.demoToken,
      maxRetries: 0,
    });
    return [
      {
        client,
        mode: 'live',
        graphBase: emulator.graphBase,
        userId: emulator.userId,
        label: 'test',
        close: () => client.close(),
      },
    ];
  };
}

/** A runtime over a temp events folder with one event live at the emulator's now, and a clock the test moves. */
async function runtimeWithClock(extra = '') {
  const clock = { now: emulator.control.now() };
  const eventsDir = path.join(work, 'events');
  await writeLiveEvent(eventsDir, 'live-night', clock.now, extra);
  const options = resolveOptions({ eventsDir }, {});
  const runtime = new LiveRuntime({
    options,
    env: { STATE_DB_PATH: path.join(work, 'state/state.db') },
    root: work,
    source: instagramLoginSource(options.instagram, silent, connectOnce()),
    now: () => clock.now,
  });
  const postsOf = async () => {
    const { events, sinceMs } = await runtime.live();
    const snapshot = await runtime.feed.posts(sinceMs);
    const [event] = events;
    if (!event) throw new Error('the test event is not live');
    return { snapshot, posts: livePostsOf(snapshot.posts, event, events) };
  };
  return { clock, runtime, postsOf };
}

describe('the live loader, over real HTTP against the emulator', () => {
  it('makes one Graph call for 500 concurrent page requests, and answers each with the event’s posts', async () => {
    const eventsDir = path.join(work, 'events');
    await writeLiveEvent(eventsDir, 'live-night', emulator.control.now());
    await publishPost(emulator, media, 'The doors are open');
    const saved = { ...process.env };
    // The loader as a site uses it: options and environment only (no seam), the account of IG_ACCESS_TOKEN.
    process.env.STATE_DB_PATH = path.join(work, 'state/state.db');
    delete process.env.LIVE_TTL_SECONDS;
    const loader = instagramLiveLoader({
      eventsDir,
      instagram: { graphBase: emulator.graphBase, accessToken: emulator.demoToken },
    });
    const server: Server = createServer(async (_request, res) => {
      const result = await loader.loadCollection({
        collection: 'instagramLive',
        filter: { event: 'live-night' },
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify('error' in result ? { error: result.error.message } : result));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/g/live-night/live`;
    const agent = new Agent({ connections: 500 });
    const before = listCalls(emulator);
    try {
      const answers = await Promise.all(
        Array.from({ length: 500 }, async () => {
          const response = await request(url, { dispatcher: agent });
          return (await response.body.json()) as { entries?: { data: LivePost }[] };
        }),
      );
      expect(listCalls(emulator) - before).toBe(1);
      const captions = answers.map((answer) => answer.entries?.map((e) => e.data.caption));
      expect(new Set(captions.map((c) => JSON.stringify(c))).size).toBe(1);
      expect(captions[0]).toContain('The doors are open');
      // Pictures through the server's proxy only: no URL of the emulator's CDN in any answer.
      const body = JSON.stringify(answers[0]);
      expect(body).not.toContain(emulator.origin);
      expect(body).toContain('/g/live-night/live/media/');
    } finally {
      process.env = saved;
      await agent.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('says why there is nothing live: unknown, private and closed events', async () => {
    const eventsDir = path.join(work, 'events');
    const now = emulator.control.now();
    await writeLiveEvent(eventsDir, 'tomorrow', now + 86_400_000);
    await writeLiveEvent(eventsDir, 'board', now, 'visibility: private\n');
    const loader = instagramLiveLoader({
      eventsDir,
      instagram: { graphBase: emulator.graphBase, accessToken: emulator.demoToken },
    });
    const reasons = [];
    for (const event of ['nope', 'board', 'tomorrow']) {
      const result = await loader.loadCollection({
        collection: 'instagramLive',
        filter: { event },
      });
      reasons.push('error' in result ? result.error.reason : 'entries');
    }
    expect(reasons).toEqual(['no_event', 'private', 'not_live']);
    expect(listCalls(emulator)).toBe(0);
  });
});

describe('the live feed: TTL, stale-while-revalidate and rate limits', () => {
  it('shows a post published during the window once the TTL has passed, matched by the build’s rules', async () => {
    const { clock, postsOf } = await runtimeWithClock('hashtags: [doors]\n');
    expect((await postsOf()).posts).toEqual([]);
    await publishPost(emulator, media, 'First song #doors');
    await publishPost(emulator, media, 'Not for this gallery');
    clock.now += TTL_MS - 1;
    expect((await postsOf()).posts).toEqual([]);
    expect(listCalls(emulator)).toBe(1);
    clock.now += 1;
    const { posts } = await postsOf();
    expect(posts.map((post) => post.caption)).toEqual(['First song #doors']);
    expect(posts[0]?.eventIds).toEqual(['live-night']);
    expect(listCalls(emulator)).toBe(2);
  });

  it('serves the last good posts while Instagram fails, retries after a growing wait, then recovers', async () => {
    const { clock, postsOf } = await runtimeWithClock();
    await publishPost(emulator, media, 'Before the outage');
    await postsOf();
    emulator.control.addFault({ route: 'GET /{ig-user-id}/media', times: 0, status: 500 });
    await publishPost(emulator, media, 'During the outage');
    clock.now += TTL_MS;
    const stale = await postsOf();
    expect(stale.snapshot.stale).toMatch(/unexpected error/i);
    expect(stale.posts.map((post) => post.caption)).toEqual(['Before the outage']);
    expect(listCalls(emulator)).toBe(2);
    // The first failure waits one TTL, the second two.
    clock.now += TTL_MS;
    await postsOf();
    expect(listCalls(emulator)).toBe(3);
    clock.now += TTL_MS;
    expect((await postsOf()).posts.map((post) => post.caption)).toEqual(['Before the outage']);
    expect(listCalls(emulator)).toBe(3);
    emulator.control.clearFaults();
    clock.now += TTL_MS;
    const fresh = await postsOf();
    expect(fresh.snapshot.stale).toBeUndefined();
    expect(fresh.posts.map((post) => post.caption)).toEqual([
      'During the outage',
      'Before the outage',
    ]);
    expect(listCalls(emulator)).toBe(4);
  });

  it('with nothing read yet, a failure is an error, and the retry waits for the TTL', async () => {
    const { clock, postsOf } = await runtimeWithClock();
    emulator.control.addFault({ route: 'GET /{ig-user-id}/media', times: 1, status: 500 });
    await expect(postsOf()).rejects.toThrow(/unexpected error/i);
    await expect(postsOf()).rejects.toThrow(/unexpected error/i);
    expect(listCalls(emulator)).toBe(1);
    clock.now += TTL_MS;
    await expect(postsOf()).resolves.toBeDefined();
    expect(listCalls(emulator)).toBe(2);
  });

  it('asks less often as X-App-Usage nears the limit, and waits out X-Business-Use-Case-Usage’s regain time', async () => {
    const { clock, postsOf } = await runtimeWithClock();
    const app = JSON.stringify({ call_count: 95, total_time: 10, total_cputime: 10 });
    emulator.control.addFault({
      route: 'GET /{ig-user-id}/media',
      headers: { 'x-app-usage': app },
    });
    await postsOf();
    // 95 %: 80 % is where spacing starts, 100 % is ten TTLs; 95 % is 7.75 TTLs.
    clock.now += 7 * TTL_MS;
    await postsOf();
    expect(listCalls(emulator)).toBe(1);
    clock.now += TTL_MS;
    await postsOf();
    expect(listCalls(emulator)).toBe(2);
    const business = JSON.stringify({
      [emulator.userId]: [
        {
          type: 'instagram',
          call_count: 100,
          total_time: 10,
          total_cputime: 10,
          estimated_time_to_regain_access: 30,
        },
      ],
    });
    emulator.control.addFault({
      route: 'GET /{ig-user-id}/media',
      headers: { 'x-business-use-case-usage': business },
    });
    clock.now += TTL_MS;
    await postsOf();
    expect(listCalls(emulator)).toBe(3);
    clock.now += 29 * 60_000;
    await postsOf();
    expect(listCalls(emulator)).toBe(3);
    clock.now += 60_000;
    await postsOf();
    expect(listCalls(emulator)).toBe(4);
  });
});

describe('the live pictures’ disk cache', () => {
  it('downloads each picture once, keeps the folder under its cap by evicting the least recently served, and survives a restart', async () => {
    const { runtime, postsOf } = await runtimeWithClock();
    for (const caption of ['one', 'two', 'three']) await publishPost(emulator, media, caption);
    const { snapshot } = await postsOf();
    const items = snapshot.posts.flatMap((post) => post.items);
    expect(items).toHaveLength(3);
    const dir = path.join(work, 'live-media');
    const first = await new LiveMediaCache({
      dir,
      maxBytes: 1,
      maxImageBytes: 1e7,
      timeoutMs: 10_000,
    }).get(items[0]!.id, items[0]!.mediaUrl!);
    const size = first.bytes.byteLength;
    // Room for two pictures of this size (the emulator serves one picture for all three).
    const cache = new LiveMediaCache({
      dir,
      maxBytes: 2 * size + 10,
      maxImageBytes: 1e7,
      timeoutMs: 10_000,
    });
    const cdn = () => emulator.control.counts().byRoute['GET /cdn'] ?? 0;
    const before = cdn();
    const [a, b, c] = items.map((item) => ({ id: item.id, url: item.mediaUrl! }));
    await cache.get(a!.id, a!.url);
    await cache.get(b!.id, b!.url);
    await cache.get(a!.id, a!.url); // a served again: b is now the least recently served
    expect(cdn() - before).toBe(2);
    await cache.get(c!.id, c!.url);
    expect((await cache.ids()).sort()).toEqual([a!.id, c!.id].sort());
    expect(await cache.size()).toBeLessThanOrEqual(2 * size + 10);
    expect((await readdir(dir)).sort()).toEqual([`${a!.id}.jpg`, `${c!.id}.jpg`].sort());
    const reopened = new LiveMediaCache({
      dir,
      maxBytes: 2 * size + 10,
      maxImageBytes: 1e7,
      timeoutMs: 10_000,
    });
    const again = await reopened.get(c!.id, 'http://127.0.0.1:9/never-fetched');
    expect(again.contentType).toBe('image/jpeg');
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(runtime.settings.mediaDir).toBe(path.join(work, 'state/live-media'));
  });
});
