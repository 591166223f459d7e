import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GraphClient, publishContainer } from '../../integration/graph/index.ts';
import {
  newPublishJob,
  runPublishJob,
  type JobItem,
  type PublishJob,
  type RunnerDeps,
} from '../../integration/publish/index.ts';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';
import { startMediaServer, type MediaServer } from '../../harness/media-server.ts';
import { flavourTokens, graphBaseOf, LOGIN_FLAVOURS } from '../../harness/flavour-tokens.ts';

const USER = '17841400000000001';
// The same suite on both logins: graph.instagram.com, and graph.facebook.com with a Page token.
describe.each(LOGIN_FLAVOURS)('%s Login', (flavour) => {
  let emulator: RunningEmulator;
  let media: MediaServer;
  let store: StateStore;
  let client: GraphClient;
  let sequence = 0;

  beforeEach(async () => {
    emulator = await startEmulator();
    emulator.control.setVideoProcessingMs(4_000);
    media = await startMediaServer();
    store = await openSqliteStore({
      path: ':memory:',
      cipher: TokenCipher.fromKeys({ current: Buffer.alloc(32, 1), old: [] }),
    });
    client = new GraphClient({
      baseUrl: graphBaseOf(emulator, flavour),
      accessToken: await flavourTokens(emulator, flavour).working(),
      maxRetries: 1,
      retryBaseMs: 1,
    });
  });
  afterEach(async () => {
    await client.close();
    await store.close();
    await media.close();
    await emulator.close();
  });

  /** Sleeping moves the emulator's clock instead of waiting, so video processing takes no time. */
  const deps = (extra: Partial<RunnerDeps> = {}): RunnerDeps => ({
    store,
    client,
    now: () => emulator.control.now(),
    sleep: async (ms) => emulator.control.advanceClock(ms / 1000),
    ...extra,
  });

  async function queued(
    kind: PublishJob['kind'],
    items: JobItem[],
    caption = 'From the launch party #springlaunch',
  ): Promise<PublishJob> {
    const job = newPublishJob(
      {
        id: `job-${++sequence}`,
        idempotencyKey: `key-${sequence}-abcdef`,
        accountId: USER,
        kind,
        caption,
        items,
      },
      emulator.control.now(),
    );
    return (await store.createPublishJob(job)).job;
  }

  const image = (path = '/portrait.jpg', altText?: string): JobItem => ({
    mediaType: 'image',
    url: media.url(path),
    ...(altText && { altText }),
  });
  const video = (): JobItem => ({ mediaType: 'video', url: media.url('/sample.mp4') });
  const published = () => emulator.control.publishedMedia(USER);
  const routeCount = (route: string) => emulator.control.counts().byRoute[route] ?? 0;

  describe('a publish job', () => {
    it('publishes a single image with its caption and alt text, and records the media id and permalink', async () => {
      const job = await runPublishJob(
        await queued('image', [image('/portrait.jpg', 'Guests on the rooftop')]),
        deps(),
      );
      expect(job).toMatchObject({
        status: 'published',
        phase: 'published',
        progress: { completed: 2, total: 2 },
      });
      expect(job.mediaId).toMatch(/^\d{17,18}$/);
      expect(job.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
      expect(published()).toHaveLength(1);
      expect((await store.getPublishJob<PublishJob>(job.id))?.status).toBe('published');
    });

    it('publishes a carousel of two images and a video through every phase, in order', async () => {
      const phases: string[] = [];
      const job = await runPublishJob(
        await queued('carousel', [image('/portrait.jpg'), image('/square.jpg'), video()]),
        deps({ onUpdate: (j) => phases.at(-1) !== j.phase && phases.push(j.phase) }),
      );
      expect(job.status).toBe('published');
      expect(phases).toEqual([
        'creating_containers',
        'processing_videos',
        'creating_carousel',
        'publishing',
        'published',
      ]);
      expect(
        job.items.every((item) => item.containerId && item.containerStatus === 'FINISHED'),
      ).toBe(true);
      expect(published()).toHaveLength(1);
      expect(routeCount('POST /{ig-user-id}/media')).toBe(4);
      expect(routeCount('POST /{ig-user-id}/media_publish')).toBe(1);
    });

    it('fails before creating anything when the publishing quota is used up, and says when to retry', async () => {
      const quotaEmulator = await startEmulator({ publishingLimit: 0 });
      const quotaClient = new GraphClient({
        baseUrl: graphBaseOf(quotaEmulator, flavour),
        accessToken: await flavourTokens(quotaEmulator, flavour).working(),
      });
      try {
        const job = await runPublishJob(await queued('image', [image()]), {
          ...deps(),
          client: quotaClient,
        });
        expect(job).toMatchObject({
          status: 'failed',
          phase: 'failed',
          error: { code: 9, subcode: 2207042 },
        });
        expect(job.error?.remedy).toContain('nothing was created');
        expect(quotaEmulator.control.counts().byRoute['POST /{ig-user-id}/media'] ?? 0).toBe(0);
      } finally {
        await quotaClient.close();
        await quotaEmulator.close();
      }
    });

    it('fails with the reason and what to do when Instagram cannot fetch a media URL, and posts nothing', async () => {
      const job = await runPublishJob(
        await queued('image', [{ mediaType: 'image', url: `${media.origin}/missing.jpg` }]),
        deps(),
      );
      expect(job).toMatchObject({ status: 'failed', error: { code: 9004, subcode: 2207052 } });
      expect(job.error?.remedy).toContain('PUBLIC_BASE_URL');
      expect(published()).toHaveLength(0);
    });

    it('resumed after a crash right after media_publish was sent, it does not publish again', async () => {
      const first = await queued('carousel', [image(), image('/square.jpg')]);
      // The process dies once media_publish has gone out: nothing it would write next is written.
      const dying = crashingStore(() => routeCount('POST /{ig-user-id}/media_publish') === 1);
      await expect(runPublishJob(first, deps({ store: dying }))).rejects.toThrow('simulated crash');
      const stored = (await store.getPublishJob<PublishJob>(first.id))!;
      expect(stored).toMatchObject({ status: 'running', phase: 'publishing' });
      expect(stored.publishingSince).toBeDefined();

      const resumed = await runPublishJob(stored, deps());
      expect(resumed.status).toBe('published');
      expect(resumed.mediaId).toBe(published()[0]!.id);
      expect(published()).toHaveLength(1);
      expect(routeCount('POST /{ig-user-id}/media_publish')).toBe(1);
    });

    it('resumed after a crash once its containers exist, it reuses them and publishes once', async () => {
      const job = await queued('carousel', [image(), image('/square.jpg'), video()]);
      const dying = crashingStore((saving) => saving.phase === 'processing_videos');
      await expect(runPublishJob(job, deps({ store: dying }))).rejects.toThrow('simulated crash');
      const stored = (await store.getPublishJob<PublishJob>(job.id))!;
      expect(stored.items.every((item) => item.containerId)).toBe(true);

      const resumed = await runPublishJob(stored, deps());
      expect(resumed.status).toBe('published');
      expect(routeCount('POST /{ig-user-id}/media')).toBe(4); // 3 items + the carousel, none made twice
      expect(published()).toHaveLength(1);
    });

    it('makes exactly one post when the media_publish answer is lost, and recovers the media id', async () => {
      emulator.control.addFault({ route: 'POST /{ig-user-id}/media_publish', dropResponse: true });
      const job = await runPublishJob(await queued('image', [image()], 'Lost answer test'), deps());
      expect(job.status).toBe('published');
      expect(published()).toHaveLength(1);
      expect(job.mediaId).toBe(published()[0]!.id);
    });
  });

  describe('a crash around media_publish', () => {
    const PUBLISH = 'POST /{ig-user-id}/media_publish';

    it("resumed while the dead process's media_publish may still land, it waits for it and never sends a second", async () => {
      const job = await queued('image', [image()], 'In flight test');
      // The process dies with media_publish about to go out (or out, its answer not yet back).
      const dying = crashingStore((saving) => saving.publishingSince !== undefined, 'after');
      await expect(runPublishJob(job, deps({ store: dying }))).rejects.toThrow('simulated crash');
      const stored = (await store.getPublishJob<PublishJob>(job.id))!;
      expect(routeCount(PUBLISH)).toBe(0);

      let landed = false;
      const resumed = await runPublishJob(
        stored,
        deps({
          // The request of the dead process reaches Instagram while the resumed job waits.
          sleep: async (ms) => {
            if (!landed) {
              landed = true;
              await publishContainer(client, USER, stored.items[0]!.containerId!);
            }
            emulator.control.advanceClock(ms / 1000);
          },
        }),
      );
      expect(landed, 'the resumed job waited before publishing').toBe(true);
      expect(resumed.status).toBe('published');
      expect(resumed.mediaId).toBe(published()[0]!.id);
      expect(published()).toHaveLength(1);
      expect(routeCount(PUBLISH), 'only the dead process sent media_publish').toBe(1);
    });

    it('resumed after dying before media_publish went out, it publishes once the request can no longer land', async () => {
      const job = await queued('image', [image()], 'Never sent test');
      const dying = crashingStore((saving) => saving.publishingSince !== undefined, 'after');
      await expect(runPublishJob(job, deps({ store: dying }))).rejects.toThrow('simulated crash');
      const stored = (await store.getPublishJob<PublishJob>(job.id))!;

      const resumed = await runPublishJob(stored, deps({ inFlightGraceMs: 60_000 }));
      expect(resumed.status).toBe('published');
      expect(published()).toHaveLength(1);
      expect(routeCount(PUBLISH)).toBe(1);
      expect(
        Date.parse(resumed.publishingSince!) - Date.parse(stored.publishingSince!),
      ).toBeGreaterThanOrEqual(60_000);
    });

    it('dying after media_publish answered, before the permalink was read, the resume keeps the saved media id', async () => {
      // A story: Instagram lists it under /stories, not /media, so it could not be found again.
      const job = await queued('story', [image()], '');
      const dying = crashingStore((saving) => saving.status === 'published');
      await expect(runPublishJob(job, deps({ store: dying }))).rejects.toThrow('simulated crash');
      const stored = (await store.getPublishJob<PublishJob>(job.id))!;
      expect(stored).toMatchObject({ status: 'running', mediaId: published()[0]!.id });

      const resumed = await runPublishJob(stored, deps());
      expect(resumed).toMatchObject({ status: 'published', mediaId: published()[0]!.id });
      expect(resumed.permalink).toMatch(/^https:\/\/www\.instagram\.com\/stories\//);
      expect(published()).toHaveLength(1);
      expect(routeCount(PUBLISH)).toBe(1);
      expect(routeCount('GET /{ig-user-id}/media'), 'nothing searched for').toBe(0);
    });
  });

  /**
   * The store as a crashing process sees it: once `dies` says so, no write happens any more
   * (`after`: that one write still does).
   */
  function crashingStore(
    dies: (job: PublishJob) => boolean,
    when: 'before' | 'after' = 'before',
  ): StateStore {
    let dead = false;
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'savePublishJob') return Reflect.get(target, property, receiver);
        return async (job: PublishJob) => {
          if (dead) throw new Error('simulated crash');
          dead = dies(job);
          if (dead && when === 'before') throw new Error('simulated crash');
          await target.savePublishJob(job);
          if (dead) throw new Error('simulated crash');
        };
      },
    });
  }
});
