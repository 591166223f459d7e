/**
 * The live slideshow's on-demand routes over real HTTP, with the server's real services on a
 * temp folder of events and guest photos: the list holds approved photos only and follows
 * moderation; a photo is served resized, upright and without metadata only while approved.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatePhotos } from '../../integration/guest/index.ts';
import { resolveOptions } from '../../integration/options.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { photoWithGps } from '../helpers/guest-files.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { startRouteSite, type RouteSite } from '../server/route-site.ts';

const EVENT = 'garden-party';
const PRIVATE = 'board-dinner';
let site: RouteSite;
let dir: string;

beforeAll(async () => {
  site = await startRouteSite();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-slideshow-routes-'));
  await mkdir(path.join(dir, 'events'));
  await writeFile(
    path.join(dir, 'events', `${EVENT}.yaml`),
    'title: Garden Party\ntimezone: UTC\nstart: 2026-04-29T18:00\nend: 2026-04-29T23:30\n',
  );
  await writeFile(
    path.join(dir, 'events', `${PRIVATE}.yaml`),
    'title: Board Dinner\ntimezone: UTC\nstart: 2026-04-29T18:00\nend: 2026-04-29T23:30\nvisibility: private\n',
  );
  await mkdir(path.join(dir, 'guests', PRIVATE), { recursive: true });
  await writeFile(path.join(dir, 'guests', PRIVATE, 'toast.jpg'), await photoWithGps('#445566'));
  await writeFile(
    path.join(dir, 'guests', PRIVATE, 'moderation.yaml'),
    'photos:\n  toast.jpg: { status: approved }\n',
  );
  const folder = path.join(dir, 'guests', EVENT);
  await mkdir(path.join(folder, 'pending'), { recursive: true });
  await mkdir(path.join(folder, 'rejected'), { recursive: true });
  await writeFile(path.join(folder, 'cake.jpg'), await photoWithGps('#aa3300', 2400, 1600));
  await writeFile(path.join(folder, 'pending', 'queue.jpg'), await photoWithGps('#0033aa'));
  await writeFile(path.join(folder, 'rejected', 'blurry.jpg'), await photoWithGps('#333333'));
  await writeFile(
    path.join(folder, 'moderation.yaml'),
    [
      'photos:',
      '  cake.jpg: { status: approved, uploader: Ana, caption: The cake }',
      '  queue.jpg: { status: pending }',
      '  blurry.jpg: { status: rejected }',
    ].join('\n'),
  );
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(dir, 'state.db'),
    PUBLIC_BASE_URL: site.origin,
  };
  const options = resolveOptions(
    { eventsDir: path.join(dir, 'events'), guestPhotos: { dir: path.join(dir, 'guests') } },
    env,
  );
  await getServices(env, options);
});

afterAll(async () => {
  await resetServices();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(`${site.origin}${pathname}`, { headers });
const list = async () =>
  (
    (await (await get(`/api/slideshow/${EVENT}`)).json()) as {
      photos: { id: string; src: string }[];
    }
  ).photos;

describe('GET /api/slideshow/:event', () => {
  it('lists the approved photos with their caption and credit, and answers 304 while unchanged', async () => {
    const answer = await get(`/api/slideshow/${EVENT}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    const { photos } = (await answer.json()) as { photos: Record<string, string>[] };
    expect(photos).toEqual([
      {
        id: `guest:${EVENT}/cake.jpg`,
        src: expect.stringMatching(new RegExp(`^/api/slideshow/${EVENT}/cake\\.jpg\\?v=`)),
        at: expect.any(String),
        caption: 'The cake',
        uploader: 'Ana',
      },
    ]);
    const etag = answer.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`/api/slideshow/${EVENT}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('follows moderation: an approval joins the list, a rejection leaves it', async () => {
    const { guestPhotos } = await getServices();
    await moderatePhotos(guestPhotos, EVENT, ['queue.jpg'], 'approve');
    expect((await list()).map((photo) => photo.id)).toEqual([
      `guest:${EVENT}/cake.jpg`,
      `guest:${EVENT}/queue.jpg`,
    ]);
    await moderatePhotos(guestPhotos, EVENT, ['queue.jpg'], 'reject');
    expect((await list()).map((photo) => photo.id)).toEqual([`guest:${EVENT}/cake.jpg`]);
  });

  it('answers 404 for an unknown event and 400 naming the parameter for a bad id', async () => {
    expect((await get('/api/slideshow/no-such-event')).status).toBe(404);
    const bad = await get('/api/slideshow/..%2Fetc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      '"event"',
    );
  });
});

describe('a private event', () => {
  it('has no slideshow: its list and its approved photos answer 404, as for no event', async () => {
    expect((await get(`/api/slideshow/${PRIVATE}`)).status).toBe(404);
    expect((await get(`/api/slideshow/${PRIVATE}/toast.jpg`)).status).toBe(404);
  });
});

describe('GET /api/slideshow/:event/:name', () => {
  it('serves an approved photo as a JPEG of at most 1920 px without its metadata', async () => {
    const [photo] = await list();
    const answer = await get(photo?.src ?? '');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await answer.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width, meta.height)).toBe(1920);
    expect(meta.exif).toBeUndefined();
    expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
  });

  it('never serves a pending, rejected or missing photo', async () => {
    const { guestPhotos } = await getServices();
    await moderatePhotos(guestPhotos, EVENT, ['queue.jpg'], 'restore');
    for (const name of ['queue.jpg', 'blurry.jpg', 'missing.jpg', 'moderation.yaml']) {
      const answer = await get(`/api/slideshow/${EVENT}/${name}`);
      expect(answer.status, name).toBe(404);
      expect(answer.headers.get('content-type'), name).toContain('application/json');
    }
    expect((await get('/api/slideshow/no-such-event/cake.jpg')).status).toBe(404);
  });

  it('answers 400 naming the parameter for a bad file name', async () => {
    const answer = await get(`/api/slideshow/${EVENT}/.hidden`);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain(
      '"name"',
    );
  });
});
