import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { localGuestSource } from '../../integration/guest/index.ts';
import {
  localMediaHost,
  PublishQueue,
  PublishService,
  readSignedMedia,
  sourceResolver,
  UploadStaging,
  type GuestApproval,
  type PublishJob,
  type PublishServiceOptions,
  type ResolvedSource,
} from '../../integration/publish/index.ts';
import { PublishInputError } from '../../integration/publish/prepare/index.ts';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';
import { graphBaseFor } from '../../integration/tokens/index.ts';
import { flavourTokens, LOGIN_FLAVOURS } from '../../harness/flavour-tokens.ts';

const USER = '17841400000000001';
const key = Buffer.alloc(32, 5);
// The same suite on both logins: graph.instagram.com, and graph.facebook.com with a Page token.
describe.each(LOGIN_FLAVOURS)('%s Login', (flavour) => {
  let emulator: RunningEmulator;
  let store: StateStore;
  let dir: string;
  let server: Server;
  let service: PublishService;
  let serviceOptions: PublishServiceOptions;
  let queue: PublishQueue;
  let uploads: UploadStaging;
  let publicBaseUrl: string;
  let guestApproval: GuestApproval;
  const files = new Map<string, ResolvedSource>();
  /** A client as the server makes one: the stored account's token, on the host of its login. */
  const graphClient = async (accountId = USER) => {
    const account = await store.getAccount(accountId);
    if (!account) return undefined;
    const bases = { instagram: emulator.graphBase, facebook: emulator.facebookGraphBase };
    return new GraphClient({ baseUrl: graphBaseFor(account, bases), accessToken: account.token });
  };

  beforeEach(async () => {
    emulator = await startEmulator();
    store = await openSqliteStore({
      path: ':memory:',
      cipher: TokenCipher.fromKeys({ current: Buffer.alloc(32, 1), old: [] }),
    });
    await store.saveAccount({
      userId: USER,
      username: 'northlight.events',
      scopes: [],
      token: await flavourTokens(emulator, flavour).working(),
      tokenIssuedAt: new Date().toISOString(),
      tokenExpiresAt: null,
      refreshedAt: null,
      connectedAt: new Date().toISOString(),
      source: 'cli',
      ...(flavour === 'facebook' && { loginFlavour: 'facebook' as const }),
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'ais-publish-'));
    // This server's GET /api/media/<file>, as Instagram (the emulator) reaches it.
    server = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://x');
      const found = await readSignedMedia(
        { dir, key },
        url.pathname.split('/').pop()!,
        url.searchParams.get('exp'),
        url.searchParams.get('sig'),
      );
      if (typeof found === 'string') return void res.writeHead(403).end(found);
      res.writeHead(200, { 'content-type': found.contentType }).end(Buffer.from(found.bytes));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    publicBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clientFor = graphClient;
    // Guest photos come from the map below, all approved; uploads and Instagram media through the
    // server's own resolver.
    guestApproval = async (_eventId, name) => (files.has(name) ? 'approved' : 'missing');
    queue = new PublishQueue({
      store,
      clientFor,
      guestApproval,
      runner: { pollStartMs: 5, sleep: async () => {} },
    });
    uploads = new UploadStaging({ dir: path.join(dir, 'uploads') });
    const resolve = sourceResolver({
      guests: localGuestSource(dir, 'guest-photos'),
      uploads,
      clientFor,
    });
    const resolveSource: typeof resolve = async (source, account) =>
      source.type === 'guest' ? files.get(source.name)! : resolve(source, account);
    serviceOptions = {
      store,
      queue,
      host: localMediaHost({ dir, publicBaseUrl, key }),
      resolveSource,
      guestApproval,
    };
    service = new PublishService(serviceOptions);
    files.set('portrait.jpg', {
      name: 'portrait.jpg',
      mediaType: 'image',
      bytes: await sharp({
        create: { width: 1080, height: 1350, channels: 3, background: '#446688' },
      })
        .jpeg()
        .toBuffer(),
    });
    files.set('wide.jpg', {
      name: 'wide.jpg',
      mediaType: 'image',
      bytes: await sharp({
        create: { width: 3000, height: 1000, channels: 3, background: '#884466' },
      })
        .jpeg()
        .toBuffer(),
    });
    files.set('photo.png', {
      name: 'photo.png',
      mediaType: 'image',
      bytes: await sharp({
        create: { width: 1080, height: 1080, channels: 3, background: '#668844' },
      })
        .png()
        .toBuffer(),
    });
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  const guest = (name: string) => ({
    source: { type: 'guest' as const, eventId: '2026-04-29', name },
  });
  const request = (overrides: Record<string, unknown> = {}) => ({
    account: USER,
    kind: 'image',
    items: [guest('portrait.jpg')],
    caption: 'Hello',
    idempotencyKey: 'same-key-123',
    ...overrides,
  });
  const settle = async (id: string) => queue.run((await store.getPublishJob<PublishJob>(id))!);
  const refusal = (input: unknown) =>
    service.submit(input).then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e as PublishInputError,
    );
  const nothingPosted = () => {
    expect(emulator.control.counts().byRoute['POST /{ig-user-id}/media'] ?? 0).toBe(0);
    expect(emulator.control.publishedMedia(USER)).toHaveLength(0);
  };

  describe('publishing through the service', () => {
    it('gives the same job for the same idempotency key, and posts once', async () => {
      const first = await service.submit(request());
      const second = await service.submit(request());
      expect([first.created, second.created]).toEqual([true, false]);
      expect(second.job.id).toBe(first.job.id);
      expect((await settle(first.job.id)).status).toBe('published');
      expect(emulator.control.publishedMedia(USER)).toHaveLength(1);
    });

    it('answers with the job of its key that another instance stored after the lookup, never as a repeat', async () => {
      const first = await service.submit(request());
      // Another instance: it looked the key up before the first job was stored.
      const lateStore = new Proxy(store, {
        get(target, property) {
          if (property === 'getPublishJobByKey') return async () => undefined;
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const other = new PublishService({ ...serviceOptions, store: lateStore });
      const second = await other.submit(request());
      expect(second.created).toBe(false);
      expect(second.job.id).toBe(first.job.id);
      // A new key for the same post is still a repeat.
      const repeat = await other
        .submit(request({ idempotencyKey: 'other-key-456' }))
        .catch((error: Error) => error);
      expect((repeat as Error).name).toBe('RepeatPublishError');
      expect((await settle(first.job.id)).status).toBe('published');
      expect(emulator.control.publishedMedia(USER)).toHaveLength(1);
    });

    it('runs a job only where it was stored: the same request on two instances at once posts once', async () => {
      const otherQueue = new PublishQueue({
        store,
        clientFor: graphClient,
        guestApproval,
        runner: { pollStartMs: 5, sleep: async () => {} },
      });
      const other = new PublishService({ ...serviceOptions, queue: otherQueue });
      const runners = new Set<string>();
      queue.onUpdate(() => runners.add('this instance'));
      otherQueue.onUpdate(() => runners.add('the other instance'));
      const [first, second] = await Promise.all([
        service.submit(request()),
        other.submit(request()),
      ]);
      expect(second.job.id).toBe(first.job.id);
      expect([first.created, second.created].sort()).toEqual([false, true]);
      await expect
        .poll(async () => (await store.getPublishJob<PublishJob>(first.job.id))?.status, {
          timeout: 60_000,
        })
        .toBe('published');
      expect(runners.size).toBe(1);
      expect(emulator.control.publishedMedia(USER)).toHaveLength(1);
    });

    it('converts a PNG to the JPEG Instagram requires, which then publishes', async () => {
      const { job } = await service.submit(
        request({ items: [guest('photo.png')], idempotencyKey: 'png-key-123' }),
      );
      expect((await settle(job.id)).status).toBe('published');
    });

    it('refuses an image outside 4:5…1.91:1 with its exact ratio, or crops it when asked', async () => {
      const error = await refusal(request({ items: [guest('wide.jpg')] }));
      expect(PublishInputError.is(error)).toBe(true);
      expect(error).toMatchObject({ code: 'aspect_ratio' });
      expect(error.message).toContain('3.00:1');
      nothingPosted();
      const { job } = await service.submit(
        request({ items: [guest('wide.jpg')], fit: 'crop', idempotencyKey: 'crop-key-123' }),
      );
      expect((await settle(job.id)).status).toBe('published');
    });

    it('refuses a 2201-character caption and an 11-item carousel before anything reaches Instagram', async () => {
      expect(await refusal(request({ caption: 'x'.repeat(2201) }))).toMatchObject({
        code: 'caption_too_long',
      });
      const eleven = Array.from({ length: 11 }, () => guest('portrait.jpg'));
      const error = await refusal(request({ kind: 'carousel', items: eleven }));
      expect(error).toMatchObject({ code: 'carousel_size' });
      expect(error.message).toContain('11');
      nothingPosted();
    });

    it('refuses to start without a public URL Instagram could fetch from, saying what to set', async () => {
      const noHost = new PublishService({
        store,
        queue,
        host: undefined,
        resolveSource: async () => files.get('portrait.jpg')!,
        guestApproval: async () => 'approved',
      });
      const error = (await noHost.submit(request()).catch((e: unknown) => e)) as Error;
      expect(error.message).toContain('PUBLIC_BASE_URL');
      nothingPosted();
    });

    it('refuses, with a 403 naming it and what to do, an account connected without the publish permission', async () => {
      const account = (await store.getAccount(USER))!;
      await store.saveAccount({ ...account, scopes: ['instagram_business_basic'] });
      const error = await refusal(request());
      expect(error).toMatchObject({
        code: 'publish_permission_missing',
        status: 403,
        field: 'account',
      });
      expect(error.message).toBe(
        `@northlight.events (${USER}) was connected without the permission to publish (instagram_business_content_publish). Reconnect it in /admin and allow publishing content.`,
      );
      expect(await store.listPublishJobs({})).toEqual([]);
      nothingPosted();

      // Granted, it publishes.
      await store.saveAccount({
        ...account,
        scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
      });
      const { job } = await service.submit(request());
      await settle(job.id);
      expect(emulator.control.publishedMedia(USER)).toHaveLength(1);
    });

    it('refuses an account that is not connected', async () => {
      const error = await refusal(request({ account: '17841400000000002' }));
      expect(error).toMatchObject({ field: 'account' });
      expect(error.message).toContain('Connect it in /admin');
    });
  });

  const bodyOf = (bytes: Uint8Array) => new Blob([Buffer.from(bytes)]).stream();
  const fixture = (name: string) => readFile(new URL(`../fixtures/media/${name}`, import.meta.url));

  describe('sources besides guest photos', () => {
    it('publishes a reel from a staff upload', async () => {
      emulator.control.setVideoProcessingMs(0);
      const upload = await uploads.save(bodyOf(await fixture('reel-4s.mp4')), 'teaser.mp4');
      const { job } = await service.submit(
        request({
          kind: 'reel',
          items: [{ source: { type: 'upload', uploadId: upload.id } }],
          idempotencyKey: 'reel-key-123',
        }),
      );
      expect((await settle(job.id)).status).toBe('published');
      expect(emulator.control.publishedMedia(USER)).toMatchObject([
        { mediaType: 'VIDEO', productType: 'REELS', caption: 'Hello' },
      ]);
    });

    it('refuses an uploaded 2 s clip as a reel, naming the file', async () => {
      const upload = await uploads.save(
        bodyOf(
          await readFile(new URL('../../integration/emulator/seed/sample.mp4', import.meta.url)),
        ),
        'short.mp4',
      );
      const error = await refusal(
        request({ kind: 'reel', items: [{ source: { type: 'upload', uploadId: upload.id } }] }),
      );
      expect(error).toMatchObject({ code: 'video_too_short' });
      expect(error.message).toContain('(short.mp4) is 2 s long');
      nothingPosted();
    });

    it('publishes one of the account’s own photos as a story, re-hosted on our URL', async () => {
      const photo = await firstMedia('IMAGE');
      const { job } = await service.submit(
        request({
          kind: 'story',
          caption: undefined,
          items: [{ source: { type: 'instagram', mediaId: photo } }],
          fit: 'pad',
          idempotencyKey: 'story-key-123',
        }),
      );
      expect(job.items[0]!.url.startsWith(`${publicBaseUrl}/api/media/`)).toBe(true);
      expect((await settle(job.id)).status).toBe('published');
      expect(emulator.control.publishedMedia(USER)).toMatchObject([{ productType: 'STORY' }]);
    });

    it('refuses a carousel album, an unknown media id and an unknown upload, saying what to pick', async () => {
      const album = await firstMedia('CAROUSEL_ALBUM');
      expect(
        (await refusal(request({ items: [{ source: { type: 'instagram', mediaId: album } }] })))
          .message,
      ).toContain('is a carousel');
      expect(
        (
          await refusal(
            request({ items: [{ source: { type: 'instagram', mediaId: '17999999999999999' } }] }),
          )
        ).message,
      ).toContain("Pick one of the account's own posts");
      const missing = await refusal(
        request({
          items: [{ source: { type: 'upload', uploadId: '00000000-0000-4000-8000-000000000000' } }],
        }),
      );
      expect(missing).toMatchObject({ code: 'upload_not_found' });
      nothingPosted();
    });

    it('refuses a copyright-blocked video as blocked, not as a carousel', async () => {
      // The demo seed's "Headliner singalong" reel: Graph leaves out its media_url.
      const blocked = await refusal(
        request({
          kind: 'reel',
          items: [{ source: { type: 'instagram', mediaId: '17943777052255343' } }],
        }),
      );
      expect(blocked).toMatchObject({ code: 'media_unavailable', field: 'items', status: 400 });
      expect(blocked.message).toBe(
        'Instagram media 17943777052255343 is blocked: Instagram withholds its file (copyrighted material), so it cannot be copied. Pick another photo or video.',
      );
      expect(blocked.message).not.toContain('carousel');
      nothingPosted();
    });
  });

  async function firstMedia(type: string): Promise<string> {
    const client = (await graphClient())!;
    const page = await client.get<{ data: { id: string; media_type: string }[] }>(
      `/${USER}/media`,
      {
        fields: 'id,media_type',
        limit: 50,
      },
    );
    return page.data.find((media) => media.media_type === type)!.id;
  }
});
