import { HeadObjectCommand } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  approvedPhotos,
  GuestUploads,
  moderatePhotos,
  PendingStore,
  s3GuestSource,
  s3GuestStorage,
} from '../../integration/guest/index.ts';
import { parseEventFile } from '../../integration/events/event-file.ts';
import { jpegZipPolyglot, photoWithGps } from '../helpers/guest-files.ts';
import { startS3 } from '../helpers/s3-server.ts';
import { MediaCache } from '../../integration/media/media-cache.ts';
import { openSqliteStore, type StateStore } from '../../integration/store/index.ts';
import { cipherWith, KEY_A } from '../store/store-fixtures.ts';

const EVENTS = [
  parseEventFile(
    'title: Market\ntimezone: Europe/Berlin\nstart: 2026-12-05T14:00\nend: 2026-12-05T22:00\nuploads:\n  enabled: true\n',
    'market.yaml',
    'market',
    { before: '1h', after: '12h' },
  ),
];

let s3: Awaited<ReturnType<typeof startS3>>;
let store: PendingStore;
let uploads: GuestUploads;
let cacheDir: string;
const stateStores: StateStore[] = [];
const options = () => ({ ...s3.options, prefix: 'guests/' });

beforeAll(async () => {
  s3 = await startS3('guest-uploads', [], { checkSignatures: true });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ais-cache-'));
  store = new PendingStore(s3GuestStorage(options(), s3.client));
  uploads = await serverInstance();
});
afterAll(async () => {
  await Promise.all(stateStores.map((stateStore) => stateStore.close()));
  await s3?.close();
  await rm(cacheDir, { recursive: true, force: true });
});

/** The guest uploads of one server instance: its own connection to the shared state file. */
async function serverInstance(): Promise<GuestUploads> {
  const stateStore = await openSqliteStore({
    path: path.join(cacheDir, 'state.db'),
    cipher: cipherWith(KEY_A),
  });
  stateStores.push(stateStore);
  return new GuestUploads({
    store,
    stateStore,
    events: async () => EVENTS,
    settings: { maxBytes: 5 * 1024 * 1024, maxPixels: 50_000_000, perHour: 1000 },
    now: () => Date.parse('2026-12-06T10:00:00Z'),
  });
}

const start = (bytes: Uint8Array, fileName = 'IMG.jpg') =>
  uploads.start(
    'market',
    { fileName, bytes: bytes.byteLength, contentType: 'image/jpeg', uploader: 'Ben' },
    '10.0.0.2',
  );
const put = (url: string, bytes: Uint8Array, contentType = 'image/jpeg') =>
  fetch(url, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { 'content-type': contentType },
  });
const keys = async () =>
  (await store.storage.list('market/pending'))
    .map((file) => file.name)
    .concat((await store.storage.list('market/incoming')).map((file) => `incoming/${file.name}`));

describe('guest uploads straight to S3 (s3rver)', () => {
  it('hands out a short-lived presigned PUT with the size and type signed, for a key the server chose', async () => {
    const ticket = await start(await photoWithGps());
    const url = new URL(ticket.url);
    expect(url.pathname).toBe(`/guest-uploads/guests/market/incoming/${ticket.id}.jpg`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );
    expect(ticket.completeUrl).toBe(`/api/guest/market/uploads/${ticket.id}/complete`);
  });

  it('checks the file after the PUT and files a clean copy in pending/, which the build does not read', async () => {
    const bytes = await photoWithGps();
    const ticket = await start(bytes);
    expect((await put(ticket.url, bytes)).status).toBe(200);
    const photo = await uploads.complete('market', ticket.id);
    expect(await keys()).toContain(photo.name);
    expect(await keys()).not.toContain(`incoming/${ticket.id}.jpg`);
    const stored = (await store.storage.get(`market/pending/${photo.name}`))!;
    expect(await exifr.gps(stored)).toBeUndefined();
    expect((await exifr.parse(stored, { reviveValues: false })).DateTimeOriginal).toBe(
      '2026:12:05 15:30:00',
    );
    expect((await s3GuestSource(options(), s3.client).listEvent('market')).objects).toEqual([]);

    await moderatePhotos(store, 'market', [photo.name], 'approve');
    const listed = await s3GuestSource(options(), s3.client).listEvent('market');
    expect(listed.objects.map((object) => object.name)).toEqual([photo.name]);
    expect(await store.storage.size(`market/pending/${photo.name}`)).toBeUndefined();
  });

  it('completes on another server instance than the one that issued the ticket, once', async () => {
    const other = await serverInstance();
    const bytes = await photoWithGps();
    const ticket = await start(bytes);
    expect((await put(ticket.url, bytes)).status).toBe(200);
    const photo = await other.complete('market', ticket.id);
    expect(await keys()).toContain(photo.name);
    await expect(uploads.complete('market', ticket.id)).rejects.toMatchObject({
      code: 'unknown_upload',
      status: 404,
    });
  });

  it('binds the presigned signature to the key, size and type (S3 checks it; s3rver does not verify V4 signatures)', async () => {
    const bytes = await photoWithGps();
    vi.useFakeTimers({ toFake: ['Date'] }); // one signing time, so signatures differ only by what they cover
    try {
      const ticket = await start(bytes);
      const key = `market/incoming/${ticket.id}.jpg`;
      const signatureOf = async (k: string, size: number, type: string) =>
        new URL(await store.storage.presignPut!(k, size, type, 300)).searchParams.get(
          'X-Amz-Signature',
        );
      const issued = new URL(ticket.url).searchParams.get('X-Amz-Signature');
      expect(await signatureOf(key, bytes.byteLength, 'image/jpeg')).toBe(issued);
      expect(await signatureOf('market/moderation.yaml', bytes.byteLength, 'image/jpeg')).not.toBe(
        issued,
      );
      expect(await signatureOf(key, bytes.byteLength + 1, 'image/jpeg')).not.toBe(issued);
      expect(await signatureOf(key, bytes.byteLength, 'text/html')).not.toBe(issued);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a presigned URL reused for a different key (403 SignatureDoesNotMatch, as S3), and stores nothing under either key', async () => {
    const bytes = await photoWithGps();
    const ticket = await start(bytes);
    const other = new URL(ticket.url);
    other.pathname = other.pathname.replace(`incoming/${ticket.id}.jpg`, 'chosen-by-guest.jpg');
    const response = await put(other.href, bytes);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(
      await s3.client
        .send(
          new HeadObjectCommand({
            Bucket: 'guest-uploads',
            Key: 'guests/market/chosen-by-guest.jpg',
          }),
        )
        .catch((error: Error) => error.name),
    ).toBe('NotFound');
    expect(
      await s3.client
        .send(
          new HeadObjectCommand({
            Bucket: 'guest-uploads',
            Key: `guests/market/incoming/${ticket.id}.jpg`,
          }),
        )
        .catch((error: Error) => error.name),
    ).toBe('NotFound');
    expect((await store.listPending('market')).map((photo) => photo.name)).not.toContain(
      'chosen-by-guest.jpg',
    );
    await expect(uploads.complete('market', ticket.id)).rejects.toMatchObject({
      code: 'upload_missing',
    });
    const built = await approvedPhotos(
      EVENTS[0]!,
      s3GuestSource(options(), s3.client),
      await MediaCache.open(cacheDir),
      (file) => file,
    );
    expect(built.map((photo) => photo.name)).not.toContain('chosen-by-guest.jpg');
  });

  it('accepts the presigned URL unmodified, with the signed size and type (the signature check passes it on)', async () => {
    const bytes = await photoWithGps();
    const ticket = await start(bytes);
    expect((await put(ticket.url, bytes)).status).toBe(200);
    expect(await store.storage.size(`market/incoming/${ticket.id}.jpg`)).toBe(bytes.byteLength);
    await uploads.complete('market', ticket.id);
    expect(await store.storage.size(`market/incoming/${ticket.id}.jpg`)).toBeUndefined();
  });

  it('refuses a PUT with another Content-Type than the signed one (403 SignatureDoesNotMatch), and stores nothing', async () => {
    const bytes = await photoWithGps();
    const ticket = await start(bytes);
    const response = await put(ticket.url, bytes, 'text/html');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(await store.storage.size(`market/incoming/${ticket.id}.jpg`)).toBeUndefined();
  });

  it('refuses an expired presigned URL (s3rver enforces X-Amz-Date + X-Amz-Expires)', async () => {
    const bytes = await photoWithGps();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 6 * 60_000);
    const ticket = await start(bytes).finally(() => vi.useRealTimers());
    const response = await put(ticket.url, bytes);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
    expect(await store.storage.size(`market/incoming/${ticket.id}.jpg`)).toBeUndefined();
  });

  it('refuses, at the check, a file of another size than the one signed, and deletes it', async () => {
    // Content-Length is signed, so S3 (here the signature front) refuses the PUT with 403; should a store
    // accept it anyway (bare s3rver does), the server's check after the PUT refuses it and deletes it.
    const bytes = await photoWithGps();
    const ticket = await start(bytes);
    const bigger = new Uint8Array(bytes.byteLength + 5000);
    bigger.set(bytes);
    const response = await put(ticket.url, bigger);
    if (response.status === 200) {
      await expect(uploads.complete('market', ticket.id)).rejects.toMatchObject({
        code: 'file_too_large',
      });
    }
    expect(await store.storage.size(`market/incoming/${ticket.id}.jpg`)).toBeUndefined();
  });

  it('refuses a polyglot uploaded to S3, and deletes it', async () => {
    const bytes = await jpegZipPolyglot();
    const ticket = await start(bytes, 'party.jpg');
    expect((await put(ticket.url, bytes)).status).toBe(200);
    await expect(uploads.complete('market', ticket.id)).rejects.toMatchObject({
      code: 'trailing_data',
      message: expect.stringContaining('party.jpg'),
    });
    expect(await keys()).not.toContain(`incoming/${ticket.id}.jpg`);
  });
});
