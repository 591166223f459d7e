import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSeedPath, loadSeed } from '../../integration/emulator/index.ts';
import { readSnapshot } from '../../integration/sync/snapshot.ts';
import { InstagramSyncError } from '../../integration/sync/sync-failure.ts';
import { createSyncHarness } from '../../harness/sync-harness.ts';
import { LOGIN_FLAVOURS } from '../../harness/flavour-tokens.ts';

const seed = await loadSeed(demoSeedPath);
const demoMedia = seed.accounts[0]!.media;
const idAt = (iso: string) => {
  const media = demoMedia.find((m) => Date.parse(m.timestamp) === Date.parse(iso));
  if (!media) throw new Error(`the demo seed has no post at ${iso}`);
  return media.id;
};
const LIST = 'GET /{ig-user-id}/media';
const LIST_ME = 'GET /me/media';
const listRequests = (counts: Record<string, number>) =>
  (counts[LIST] ?? 0) + (counts[LIST_ME] ?? 0);

// The same suite on both logins: graph.instagram.com, and graph.facebook.com with a Page token.
describe.each(LOGIN_FLAVOURS)('%s Login', (flavour) => {
  let h: Awaited<ReturnType<typeof createSyncHarness>>;
  beforeEach(async () => {
    h = await createSyncHarness({ flavour });
  });
  afterEach(async () => {
    await h.close();
  });

  describe('a full sync against the emulator', () => {
    it('puts each post in every event whose window and filters it matches', async () => {
      const { outcome } = await h.sync();
      const eventsOf = (iso: string) =>
        outcome.posts.find((p) => p.id === idAt(iso))?.eventIds ?? [];

      expect(outcome.source).toBe('live');
      expect(eventsOf('2026-03-29T01:20:00Z')).toEqual(['2026-03-28-night-run']);
      expect(eventsOf('2026-04-29T15:30:00Z')).toEqual(['2026-04-29']); // inside the 2h "before" margin
      expect(eventsOf('2026-06-20T20:00:00Z')).toEqual(['2026-06-20-summer-festival']);
      expect(eventsOf('2026-06-20T22:15:00Z')).toEqual([]); // no #summerfest: the festival's filter drops it
      expect(eventsOf('2026-06-21T03:30:00Z').sort()).toEqual([
        '2026-06-20-afterparty',
        '2026-06-20-summer-festival',
      ]);
      expect(eventsOf('2026-10-25T00:30:00Z')).toEqual(['2026-10-24-harvest-night']);
      expect(eventsOf('2026-10-25T01:30:00Z')).toEqual(['2026-10-24-harvest-night']);
    });

    it('lists with one request of 100 and carousel children expanded, never a request per carousel', async () => {
      await h.sync();
      const counts = h.counts();
      expect(listRequests(counts)).toBe(1);
      expect(counts['GET /{media-id}/children'] ?? 0).toBe(0);
      expect(counts['GET /{media-id}'] ?? 0).toBe(0);
    });

    it('stores every image, video, thumbnail and carousel child locally', async () => {
      const { outcome, cache } = await h.sync();
      const carousel = outcome.posts.find((p) => p.id === idAt('2026-03-29T01:20:00Z'))!;
      expect(carousel.items.map((i) => i.kind)).toEqual(['image', 'image', 'video']);
      const video = carousel.items[2]!;
      expect(video.video?.contentType).toBe('video/mp4');
      expect(video.image?.contentType).toBe('image/jpeg'); // the poster
      const files = await readdir(cache.dir);
      for (const item of outcome.posts.flatMap((p) => p.items)) {
        for (const media of [item.image, item.video])
          if (media) expect(files).toContain(media.file);
      }
      expect(h.counts()['GET /cdn']).toBeGreaterThan(20);
    });

    it('keeps the copyright-blocked post, marked unavailable, without downloading anything for it', async () => {
      const { outcome } = await h.sync();
      const blocked = outcome.posts.find((p) => p.id === idAt('2026-06-20T21:00:00Z'))!;
      expect(blocked.items.every((i) => i.kind !== 'video')).toBe(true);
      expect(blocked.items[0]!.video).toBeUndefined();
    });

    it('downloads nothing the second time when nothing changed', async () => {
      const first = await h.sync();
      expect(first.outcome.downloads).toBeGreaterThan(0);
      h.emulator.control.reset();
      const second = await h.sync();
      expect(second.outcome.downloads).toBe(0);
      expect(second.cache.stats.analysed).toBe(0);
      expect(h.counts()['GET /cdn'] ?? 0).toBe(0);
      expect(second.outcome.posts.map((p) => p.id)).toEqual(first.outcome.posts.map((p) => p.id));
    });

    it('writes a last-good snapshot with the synced posts', async () => {
      const { outcome } = await h.sync();
      const snapshot = await readSnapshot(h.dataDir);
      expect(snapshot?.posts.map((p) => p.id)).toEqual(outcome.posts.map((p) => p.id));
      expect(snapshot?.mode).toBe('live');
    });

    it('stops paging once posts are older than the earliest event window', async () => {
      // 150 more posts from 2025 put three pages of 100 behind the account; the earliest
      // window opens on 28 March 2026, so the first page already reaches past it.
      const account = seed.accounts[0]!;
      const older = Array.from({ length: 150 }, (_, i) => ({
        ...account.media.find((m) => m.mediaType === 'IMAGE')!,
        id: String(17_900_000_000_000_000n + BigInt(i)),
        shortcode: `OLD${i}`,
        timestamp: new Date(Date.parse('2025-12-31T12:00:00Z') - i * 86_400_000).toISOString(),
      }));
      const deep = await createSyncHarness({
        emulator: {
          seed: {
            accounts: [
              { ...account, media: [...account.media, ...older] },
              ...seed.accounts.slice(1),
            ],
          },
        },
      });
      try {
        const { outcome } = await deep.sync();
        expect(outcome.posts.length).toBeGreaterThan(10);
        expect(listRequests(deep.counts())).toBe(1);
      } finally {
        await deep.close();
      }
    });
  });

  describe('when the API fails', () => {
    it('retries a 500 and then succeeds', async () => {
      h.emulator.control.addFault({ route: LIST, status: 500, times: 1 });
      const { outcome } = await h.sync();
      expect(outcome.source).toBe('live');
      expect(listRequests(h.counts())).toBe(2);
      expect(h.sleeps.length).toBeGreaterThanOrEqual(1);
    });

    it('waits out a rate limit (429 + code 613) for the time the usage header gives, then succeeds', async () => {
      h.emulator.control.addFault({
        route: LIST,
        status: 429,
        error: { code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' },
        headers: {
          'x-business-use-case-usage': JSON.stringify({
            [seed.accounts[0]!.userId]: [
              {
                type: 'instagram',
                call_count: 100,
                total_cputime: 20,
                total_time: 20,
                estimated_time_to_regain_access: 2,
              },
            ],
          }),
        },
      });
      const { outcome } = await h.sync();
      expect(outcome.source).toBe('live');
      expect(listRequests(h.counts())).toBe(2);
      expect(Math.max(...h.sleeps)).toBeGreaterThanOrEqual(2 * 60_000);
    });

    it('backs off on code 80002 and slows down when usage headers near 100%', async () => {
      h.emulator.control.addFault({ route: LIST, error: { code: 80002 } });
      h.emulator.control.addFault({
        route: 'GET /{media-id}',
        headers: { 'x-app-usage': '{"call_count":95,"total_time":10,"total_cputime":10}' },
      });
      const { outcome, graph } = await h.sync();
      expect(outcome.source).toBe('live');
      expect(listRequests(h.counts())).toBe(2);
      expect(graph.requestCount).toBe(2);
    });

    it('retries a request that times out', async () => {
      // A timeout that a loaded machine's answer still beats, against a delay far beyond it.
      h.emulator.control.addFault({ route: LIST, delayMs: 10_000 });
      const { outcome } = await h.sync({ timeoutMs: 2_000 });
      expect(outcome.source).toBe('live');
      expect(listRequests(h.counts())).toBe(2);
    });

    it('retries a malformed JSON body', async () => {
      h.emulator.control.addFault({ route: LIST, body: 'malformed' });
      const { outcome } = await h.sync();
      expect(outcome.source).toBe('live');
      expect(listRequests(h.counts())).toBe(2);
    });

    it('re-reads a media node once when its CDN URLs have expired', async () => {
      h.emulator.control.addFault({ route: LIST, expireCdnUrls: true });
      const { outcome } = await h.sync();
      const withMedia = outcome.posts.filter((p) => p.items.some((i) => i.kind !== 'unavailable'));
      expect(outcome.source).toBe('live');
      expect(h.counts()['GET /{media-id}']).toBe(withMedia.length);
      expect(
        outcome.posts
          .flatMap((p) => p.items)
          .filter((i) => i.kind === 'image')
          .every((i) => i.image?.file),
      ).toBe(true);
    });

    it('falls back to the last good snapshot on an expired token (190) and says why and what to do', async () => {
      const first = await h.sync();
      h.emulator.control.reset();
      const { outcome } = await h.sync({ token: h.tokens.expired() });
      expect(outcome.source).toBe('snapshot');
      expect(outcome.posts.map((p) => p.id)).toEqual(first.outcome.posts.map((p) => p.id));
      expect(listRequests(h.counts())).toBe(1); // 190 is not retried
      const message = h.logs.error.join('\n');
      // The seed's expired-token expired at 2026-01-01T00:00Z; matching only a year would match the
      // snapshot's time (now) too, and fail from 2027 on.
      if (flavour === 'instagram') {
        expect(message).toContain('token expired on Wednesday, 31-Dec-25 16:00:00 PST');
        expect(message).toContain('npm run ig -- token refresh');
      } else {
        // A Page token is reconnected, not refreshed.
        expect(message).toContain('connected with Facebook Login was refused (code 190/463)');
        expect(message).toContain('connect the account with Facebook again in /admin');
      }
      expect(message).toContain('last good snapshot');
    });

    it('falls back to the snapshot when 500s outlast the retries', async () => {
      await h.sync();
      h.emulator.control.reset();
      h.emulator.control.addFault({ route: LIST, status: 500, times: 0 });
      const { outcome } = await h.sync({ maxRetries: 2 });
      expect(outcome.source).toBe('snapshot');
      expect(listRequests(h.counts())).toBe(3);
      expect(h.logs.error.join('\n')).toContain('kept failing after retries');
    });

    it('fails instead in strict mode, naming the cause and the fix', async () => {
      await h.sync();
      const error = await h
        .sync({ token: h.tokens.revoked(), strict: true })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InstagramSyncError);
      expect((error as Error).message).toMatch(
        flavour === 'instagram'
          ? /invalid or was revoked.*reconnect/
          : /Facebook Login was refused.*connect the account with Facebook again/,
      );
    });

    it('builds without posts, loudly, when there is no snapshot yet', async () => {
      const { outcome } = await h.sync({ token: h.tokens.revoked() });
      expect(outcome).toMatchObject({ source: 'none', posts: [] });
      expect(h.logs.error.join('\n')).toContain('guest photos only');
    });

    it('never writes the token into logs or errors', async () => {
      h.emulator.control.addFault({ route: LIST, status: 500 });
      await h.sync();
      const working = h.lastToken();
      await h.sync({ token: h.tokens.revoked() }).catch(() => undefined);
      expect(h.allLogText()).not.toContain(working);
      expect(h.allLogText()).not.toContain(h.lastToken());
    });
  });

  it('keeps ids as strings in the snapshot', async () => {
    await h.sync();
    const snapshot = await readSnapshot(h.dataDir);
    expect(snapshot!.posts.every((p) => typeof p.id === 'string' && /^\d{17,18}$/.test(p.id))).toBe(
      true,
    );
    expect(path.isAbsolute(h.dataDir)).toBe(true);
  });
});
