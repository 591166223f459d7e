import { mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changesGalleries,
  GuestUploads,
  localGuestSource,
  localGuestStorage,
  moderatePhotos,
  parseModeration,
  PendingStore,
  purgeRejected,
  undoModeration,
  type GuestUploadSettings,
} from '../../integration/guest/index.ts';
import { parseEventFile, type GalleryEvent } from '../../integration/events/event-file.ts';
import { openSqliteStore, type StateStore } from '../../integration/store/index.ts';
import { cipherWith, KEY_A } from '../store/store-fixtures.ts';
import {
  jpegZipPolyglot,
  photoWithGps,
  plainPng,
  pngBomb,
  TEXT_AS_JPEG,
} from '../helpers/guest-files.ts';

const NOW = Date.parse('2026-12-06T10:00:00Z');
const event = (id: string, uploads: string): GalleryEvent =>
  parseEventFile(
    `title: ${id}\ntimezone: Europe/Berlin\nstart: 2026-12-05T14:00\nend: 2026-12-05T22:00\n${uploads}`,
    `${id}.yaml`,
    id,
    { before: '1h', after: '12h' },
  );
const EVENTS = [
  event('market', 'uploads:\n  enabled: true\n  until: 2026-12-12T23:59\n'),
  event('closed', 'uploads:\n  enabled: true\n  until: 2026-12-06T08:00\n'),
  event('no-uploads', ''),
];
const SETTINGS: GuestUploadSettings = {
  maxBytes: 2 * 1024 * 1024,
  maxPixels: 50_000_000,
  perHour: 100,
};

const body = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).stream();
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: string; status: number; message: string }) => error,
  );

let dir: string;
let store: PendingStore;
let uploads: GuestUploads;
let stateStores: StateStore[];

/** The guest uploads of one server instance: its own connection to the shared state file. */
async function serverInstance(settings = SETTINGS): Promise<GuestUploads> {
  const stateStore = await openSqliteStore({
    path: path.join(dir, 'state.db'),
    cipher: cipherWith(KEY_A),
  });
  stateStores.push(stateStore);
  return new GuestUploads({
    store,
    stateStore,
    events: async () => EVENTS,
    settings,
    now: () => NOW,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-guest-'));
  store = new PendingStore(localGuestStorage(dir, 'photos'));
  stateStores = [];
  uploads = await serverInstance();
});
afterEach(async () => {
  await Promise.all(stateStores.map((stateStore) => stateStore.close()));
  await rm(dir, { recursive: true, force: true });
});

async function upload(
  bytes: Uint8Array,
  fileName = 'IMG_1.jpg',
  extra: { uploader?: string; caption?: string } = {},
  eventId = 'market',
) {
  const ticket = await uploads.start(
    eventId,
    { fileName, bytes: bytes.byteLength, contentType: 'image/jpeg', ...extra },
    '10.0.0.1',
  );
  return uploads.receive(eventId, ticket.id, body(bytes));
}

const filesIn = (...parts: string[]) =>
  readdir(path.join(dir, 'photos', ...parts)).catch(() => [] as string[]);

describe('guest uploads to the local folder', () => {
  it('stores a checked photo in pending/ with the uploader and caption in moderation.yaml, and nothing reaches a page', async () => {
    const photo = await upload(await photoWithGps(), 'IMG_1.jpg', {
      uploader: 'Ana',
      caption: 'Mulled wine',
    });
    expect(await filesIn('market', 'pending')).toEqual([photo.name]);
    const records = parseModeration(
      await readFile(path.join(dir, 'photos/market/moderation.yaml'), 'utf8'),
      'test',
    );
    expect(records.get(photo.name)).toEqual({
      status: 'pending',
      uploader: 'Ana',
      caption: 'Mulled wine',
      uploadedAt: '2026-12-06T10:00:00.000Z',
    });
    expect(await store.listPending('market')).toMatchObject([
      { name: photo.name, uploader: 'Ana', caption: 'Mulled wine' },
    ]);
    expect((await localGuestSource(dir, 'photos').listEvent('market')).objects).toEqual([]);
  });

  it('stores the photo without its GPS tags and with its DateTimeOriginal', async () => {
    const photo = await upload(await photoWithGps());
    const stored = await readFile(path.join(dir, 'photos/market/pending', photo.name));
    expect(await exifr.gps(stored)).toBeUndefined();
    const tags = await exifr.parse(stored, { gps: true, reviveValues: false });
    expect(tags.DateTimeOriginal).toBe('2026:12:05 15:30:00');
    expect(Object.keys(tags).some((tag) => tag.startsWith('GPS'))).toBe(false);
  });

  it.each([
    ['a text file named .jpg', TEXT_AS_JPEG, 'not_an_image', 415],
    ['a JPEG with a ZIP after it', 'polyglot', 'trailing_data', 422],
    ['a 30000×30000 PNG', 'bomb', 'too_many_pixels', 413],
  ])('refuses %s with a clear message and stores nothing', async (_what, file, code, status) => {
    const bytes =
      file === 'polyglot'
        ? await jpegZipPolyglot()
        : file === 'bomb'
          ? pngBomb()
          : (file as Buffer);
    const error = await refusal(upload(bytes, 'upload.jpg'));
    expect(error).toMatchObject({ code, status, message: expect.stringContaining('upload.jpg') });
    expect(await filesIn('market')).toEqual([]);
  });

  it('refuses a file over the size limit before and while it arrives', async () => {
    const big = new Uint8Array(SETTINGS.maxBytes + 1);
    expect(
      await refusal(
        uploads.start(
          'market',
          { fileName: 'big.jpg', bytes: big.byteLength, contentType: 'image/jpeg' },
          'a',
        ),
      ),
    ).toMatchObject({ code: 'file_too_large', status: 413 });
    const ticket = await uploads.start(
      'market',
      { fileName: 'liar.jpg', bytes: 1000, contentType: 'image/jpeg' },
      'a',
    );
    expect(await refusal(uploads.receive('market', ticket.id, body(big)))).toMatchObject({
      code: 'file_too_large',
      status: 413,
    });
    expect(await filesIn('market')).toEqual([]);
  });

  it('refuses an unknown event, an event without uploads and one whose window has closed', async () => {
    const start = (eventId: string) =>
      refusal(
        uploads.start(eventId, { fileName: 'a.jpg', bytes: 10, contentType: 'image/jpeg' }, 'a'),
      );
    expect(await start('nope')).toMatchObject({
      code: 'unknown_event',
      status: 404,
      message: expect.stringContaining('There is no event "nope"'),
    });
    expect(await start('no-uploads')).toMatchObject({ code: 'uploads_disabled', status: 403 });
    expect(await start('closed')).toMatchObject({
      code: 'uploads_closed',
      status: 403,
      message: expect.stringContaining('closed on 2026-12-06 07:00 UTC'),
    });
  });

  it('uses each upload ticket once', async () => {
    const bytes = await plainPng();
    const ticket = await uploads.start(
      'market',
      { fileName: 'a.png', bytes: bytes.byteLength, contentType: 'image/png' },
      'a',
    );
    await uploads.receive('market', ticket.id, body(bytes));
    expect(await refusal(uploads.receive('market', ticket.id, body(bytes)))).toMatchObject({
      code: 'unknown_upload',
      status: 404,
    });
  });

  it('limits uploads per client address', async () => {
    const limited = await serverInstance({ ...SETTINGS, perHour: 2 });
    const start = (client: string) =>
      limited.start('market', { fileName: 'a.jpg', bytes: 10, contentType: 'image/jpeg' }, client);
    await start('1.1.1.1');
    await start('1.1.1.1');
    expect(await refusal(start('1.1.1.1'))).toMatchObject({ code: 'rate_limited', status: 429 });
    await expect(start('2.2.2.2')).resolves.toMatchObject({ method: 'PUT' });
  });

  it('takes the bytes on another server instance than the one that issued the ticket, once', async () => {
    const other = await serverInstance();
    const bytes = await plainPng();
    const ticket = await uploads.start(
      'market',
      { fileName: 'a.png', bytes: bytes.byteLength, contentType: 'image/png' },
      'a',
    );
    const photo = await other.receive('market', ticket.id, body(bytes));
    expect(await filesIn('market', 'pending')).toEqual([photo.name]);
    expect(await refusal(uploads.receive('market', ticket.id, body(bytes)))).toMatchObject({
      code: 'unknown_upload',
    });
  });

  it('does not use up a ticket sent to another event', async () => {
    const bytes = await plainPng();
    const ticket = await uploads.start(
      'market',
      { fileName: 'a.png', bytes: bytes.byteLength, contentType: 'image/png' },
      'a',
    );
    expect(await refusal(uploads.receive('closed', ticket.id, body(bytes)))).toMatchObject({
      code: 'unknown_upload',
    });
    await expect(uploads.receive('market', ticket.id, body(bytes))).resolves.toMatchObject({
      eventId: 'market',
    });
  });

  it('counts the uploads of one address on every server instance together', async () => {
    const [one, two] = [
      await serverInstance({ ...SETTINGS, perHour: 2 }),
      await serverInstance({ ...SETTINGS, perHour: 2 }),
    ];
    const start = (instance: GuestUploads) =>
      instance.start(
        'market',
        { fileName: 'a.jpg', bytes: 10, contentType: 'image/jpeg' },
        '1.1.1.1',
      );
    await start(one);
    await start(two);
    expect(await refusal(start(one))).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(await refusal(start(two))).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('refuses an expired ticket', async () => {
    let now = NOW;
    const stateStore = stateStores[0]!;
    const clocked = new GuestUploads({
      store,
      stateStore,
      events: async () => EVENTS,
      settings: SETTINGS,
      now: () => now,
    });
    const bytes = await plainPng();
    const ticket = await clocked.start(
      'market',
      { fileName: 'a.png', bytes: bytes.byteLength, contentType: 'image/png' },
      'a',
    );
    now += 15 * 60_000 + 1;
    expect(await refusal(clocked.receive('market', ticket.id, body(bytes)))).toMatchObject({
      code: 'unknown_upload',
      status: 404,
    });
  });
});

describe('moderation in the local folder', () => {
  it('approves into the event folder the build reads, rejects into rejected/, and undoes', async () => {
    const a = await upload(await photoWithGps('#111'));
    const b = await upload(await photoWithGps('#222'));
    await moderatePhotos(store, 'market', [a.name], 'approve');
    const rejected = await moderatePhotos(store, 'market', [b.name], 'reject');
    expect(await filesIn('market', 'pending')).toEqual([]);
    expect(await filesIn('market', 'rejected')).toEqual([b.name]);
    const source = localGuestSource(dir, 'photos');
    const listed = await source.listEvent('market');
    expect(listed.objects.map((object) => object.name)).toEqual([a.name]);
    const records = parseModeration(listed.moderation, 'test');
    expect([records.get(a.name)?.status, records.get(b.name)?.status]).toEqual([
      'approved',
      'rejected',
    ]);

    await undoModeration(store, 'market', rejected.photos);
    expect((await store.listPending('market')).map((photo) => photo.name)).toEqual([b.name]);
  });

  it('asks for a rebuild only when what a gallery shows changes', async () => {
    const a = await upload(await photoWithGps('#333'));
    const b = await upload(await photoWithGps('#444'));
    expect(changesGalleries(await moderatePhotos(store, 'market', [a.name], 'reject'))).toBe(false);
    const approved = await moderatePhotos(store, 'market', [b.name], 'approve');
    expect(changesGalleries(approved)).toBe(true);
    expect(changesGalleries(await undoModeration(store, 'market', approved.photos))).toBe(true);
  });

  it('deletes rejected photos after the retention period, not before', async () => {
    const a = await upload(await photoWithGps());
    await moderatePhotos(store, 'market', [a.name], 'reject');
    // The retention counts from the rejection: the file's time in rejected/ (the real clock).
    expect(await purgeRejected(store, ['market'], 30, Date.now() + 29 * 86_400_000)).toEqual([]);
    const old = new Date(NOW - 31 * 86_400_000);
    await utimes(path.join(dir, 'photos/market/rejected', a.name), old, old);
    expect(await purgeRejected(store, ['market'], 30, NOW)).toEqual([`market/${a.name}`]);
    expect(await filesIn('market', 'rejected')).toEqual([]);
    expect((await store.records('market')).has(a.name)).toBe(false);
  });
});
