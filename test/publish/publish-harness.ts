/**
 * The publishing side of the server, wired as `integration/server/publishing.ts` wires it, on
 * real parts: the emulator over HTTP, a sqlite file, a copy of the demo guest photos of the
 * night run (with its pending `unreviewed.jpg` and rejected `blurry.jpg`), the real source
 * resolver and approval check, and an HTTP server answering the signed media URLs.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import {
  guestPhotoStatus,
  localGuestSource,
  localGuestStorage,
  moderatePhotos,
  PendingStore,
  type ModerationDecision,
} from '../../integration/guest/index.ts';
import {
  localMediaHost,
  PublishQueue,
  PublishService,
  readSignedMedia,
  sourceResolver,
  UploadStaging,
  type GuestApproval,
  type MediaHost,
  type PublishJob,
  type PublishQueueOptions,
} from '../../integration/publish/index.ts';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';

export const USER = '17841400000000001';
export const NIGHT_RUN = '2026-03-28-night-run';
/** The key of the harness's signed media URLs. */
export const MEDIA_KEY = Buffer.alloc(32, 5);

export interface MediaServer {
  origin: string;
  /** Answers the next `n` requests with a 500. */
  failNext(n: number): void;
  listen(): Promise<void>;
  close(): Promise<void>;
}

export interface PublishHarness {
  emulator: RunningEmulator;
  store: StateStore;
  dir: string;
  dbPath: string;
  media: MediaServer;
  /** Where the service stages prepared media (URLs on `media`). */
  host: MediaHost;
  service: PublishService;
  queue: PublishQueue;
  guestApproval: GuestApproval;
  /** Approves, rejects or restores night-run photos as /admin/moderation does. */
  moderate(names: string[], decision: ModerationDecision): Promise<void>;
  /** A queue of its own on the same store (a restarted process). */
  newQueue(options?: Partial<PublishQueueOptions>): PublishQueue;
  /**
   * Another server instance on the same sqlite file: its own connection, queue (with `options`)
   * and service; its connection is closed with the harness.
   */
  newInstance(options?: Partial<PublishQueueOptions>): Promise<ServerInstance>;
  settle(id: string): Promise<PublishJob>;
  count(route: string): number;
  close(): Promise<void>;
}

export interface ServerInstance {
  store: StateStore;
  queue: PublishQueue;
  service: PublishService;
}

export interface HarnessOptions {
  /** The runner's sleep (between polls and retries); default: none. */
  sleep?: (ms: number) => Promise<void>;
  /** The service's clock (when jobs are created); default the real one. */
  now?: () => number;
  /** Events the service takes as private; default none. */
  privateEvents?: string[];
}

export async function startPublishHarness(options: HarnessOptions = {}): Promise<PublishHarness> {
  const emulator = await startEmulator();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-publish-safety-'));
  const dbPath = path.join(dir, 'state.db');
  const cipher = TokenCipher.fromKeys({ current: Buffer.alloc(32, 1), old: [] });
  const store = await openSqliteStore({ path: dbPath, cipher });
  const otherStores: StateStore[] = [];
  await store.saveAccount({
    userId: USER,
    username: 'northlight.events',
    scopes: [],
    token: emulator.demoToken,
    tokenIssuedAt: new Date().toISOString(),
    tokenExpiresAt: null,
    refreshedAt: null,
    connectedAt: new Date().toISOString(),
    source: 'cli',
  });
  const guestDir = 'guest-photos';
  await cp(
    new URL(`../../content/guest-photos/${NIGHT_RUN}/`, import.meta.url),
    path.join(dir, guestDir, NIGHT_RUN),
    { recursive: true },
  );
  const media = await mediaServer(dir);
  await media.listen();
  const clientFor = async () =>
    new GraphClient({
      baseUrl: emulator.graphBase,
      accessToken: emulator.demoToken,
      maxRetries: 0,
    });
  const guests = localGuestSource(dir, guestDir);
  const guestApproval: GuestApproval = (eventId, name) => guestPhotoStatus(guests, eventId, name);
  const sleep = options.sleep ?? (async () => {});
  const host = localMediaHost({
    dir: path.join(dir, 'media'),
    publicBaseUrl: media.origin,
    key: MEDIA_KEY,
  });
  const newQueue = (extra: Partial<PublishQueueOptions> = {}) =>
    new PublishQueue({
      store,
      clientFor,
      guestApproval,
      renewMediaUrl: (url) => host.renew(url),
      runner: { pollStartMs: 5, sleep },
      ...extra,
    });
  const queue = newQueue();
  const uploads = new UploadStaging({ dir: path.join(dir, 'uploads') });
  const resolveSource = sourceResolver({ guests, uploads, clientFor });
  const serviceOn = (on: StateStore, its: PublishQueue) =>
    new PublishService({
      store: on,
      queue: its,
      host,
      resolveSource,
      guestApproval,
      isPrivateEvent: async (eventId) => options.privateEvents?.includes(eventId) ?? false,
      ...(options.now && { now: options.now }),
    });
  const service = serviceOn(store, queue);
  const moderation = new PendingStore(localGuestStorage(dir, guestDir));
  return {
    emulator,
    store,
    dir,
    dbPath,
    media,
    host,
    service,
    queue,
    guestApproval,
    newQueue,
    async newInstance(extra = {}) {
      const other = await openSqliteStore({ path: dbPath, cipher });
      otherStores.push(other);
      const itsQueue = newQueue({ ...extra, store: other });
      return { store: other, queue: itsQueue, service: serviceOn(other, itsQueue) };
    },
    async moderate(names, decision) {
      await moderatePhotos(moderation, NIGHT_RUN, names, decision);
    },
    async settle(id) {
      return queue.run((await store.getPublishJob<PublishJob>(id)) as PublishJob);
    },
    count: (route) => emulator.control.counts().byRoute[route] ?? 0,
    async close() {
      // Jobs the service started and no test waited for end before the store closes.
      for (const job of await store.listPublishJobs<PublishJob>()) await queue.run(job);
      await media.close();
      for (const other of otherStores) await other.close();
      await store.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `GET /api/media/<file>?exp=…&sig=…` of this server, as Instagram (the emulator) reaches it. */
async function mediaServer(dir: string): Promise<MediaServer> {
  let failures = 0;
  let server: Server | undefined;
  // The port is fixed up front, so URLs handed out before `listen` stay valid after it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return {
    origin: `http://127.0.0.1:${port}`,
    failNext(n) {
      failures = n;
    },
    async listen() {
      server = createServer(async (req, res) => {
        if (failures > 0) {
          failures--;
          return void res.writeHead(500).end('failing on purpose');
        }
        const url = new URL(req.url ?? '/', 'http://x');
        const found = await readSignedMedia(
          { dir: path.join(dir, 'media'), key: MEDIA_KEY },
          url.pathname.split('/').pop() ?? '',
          url.searchParams.get('exp'),
          url.searchParams.get('sig'),
        );
        if (typeof found === 'string') return void res.writeHead(403).end(found);
        res.writeHead(200, { 'content-type': found.contentType }).end(Buffer.from(found.bytes));
      });
      const listening = server;
      await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      const listening = server;
      server = undefined;
      if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
    },
  };
}

/** A publish request for night-run guest photos; `fit: crop` so any shape is taken. */
export function guestRequest(names: string[], overrides: Record<string, unknown> = {}) {
  return {
    account: USER,
    kind: names.length > 1 ? 'carousel' : 'image',
    fit: 'crop',
    items: names.map((name) => ({ source: { type: 'guest', eventId: NIGHT_RUN, name } })),
    caption: 'Night run',
    idempotencyKey: `key-${names.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`,
    ...overrides,
  };
}
