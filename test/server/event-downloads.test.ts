import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { APIContext } from 'astro';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadLists } from '../../integration/download/download-list.ts';
import { SERVER_LISTS_FILE } from '../../integration/download/write-downloads.ts';
import { zipStream } from '../../integration/download/zip-archive.ts';
import { resolveOptions } from '../../integration/options.ts';
import { findEventDownload } from '../../integration/server/event-downloads.ts';
import { privateLink } from '../../integration/server/private-gate.ts';
import { privateZipEntries } from '../../integration/server/private-zip.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { unzip } from '../helpers/unzip.ts';

const EVENT = '2026-04-29';
const PRIVATE = 'board-dinner';
const LISTS: DownloadLists = {
  events: {
    [EVENT]: [
      {
        name: 'a_Ana_doors.webp',
        file: '_astro/doors.webp',
        at: '2026-04-29T16:00:00Z',
        guestPhoto: 'doors.jpg',
      },
      { name: 'b_instagram_1.webp', file: '_astro/post.webp', at: '2026-04-29T17:00:00Z' },
      {
        name: 'c_Ben_band.webp',
        file: '_astro/band.webp',
        at: '2026-04-29T18:00:00Z',
        guestPhoto: 'band.jpg',
      },
    ],
    '2026-12-05-winter-market': [],
  },
  privatePosts: {
    [PRIVATE]: [
      {
        file: '_astro/toast-post.webp',
        at: '2026-11-14T19:30:00Z',
        by: 'instagram-northlight',
        stem: 'p1',
        extension: 'webp',
      },
    ],
  },
};

let dir: string;
let dirs: { serverDir: string; clientDir: string };
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-event-downloads-'));
  dirs = { serverDir: path.join(dir, 'dist/server'), clientDir: path.join(dir, 'dist/client') };
  await mkdir(path.dirname(path.join(dirs.serverDir, SERVER_LISTS_FILE)), { recursive: true });
  await writeFile(path.join(dirs.serverDir, SERVER_LISTS_FILE), JSON.stringify(LISTS));
  await mkdir(path.join(dir, 'guests', EVENT), { recursive: true });
  await mkdir(path.join(dir, 'events'), { recursive: true });
  await writeFile(
    path.join(dir, `events/${PRIVATE}.yaml`),
    'title: Board Dinner\ntimezone: Europe/Berlin\nstart: 2026-11-14T19:00\nend: 2026-11-14T23:00\nvisibility: private\n',
  );
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(dir, 'state.db'),
    PUBLIC_BASE_URL: 'https://photos.example.com',
  };
  await getServices(
    env,
    resolveOptions(
      {
        eventsDir: path.join(dir, 'events'),
        guestPhotos: { source: 'local', dir: path.join(dir, 'guests') },
      },
      env,
    ),
  );
});
afterEach(async () => {
  await resetServices();
  await rm(dir, { recursive: true, force: true });
});

/** A request's context, as far as the private gate reads it: its URL and a cookie jar. */
function visit(url = '/g/x/photos.zip', jar = new Map<string, string>()) {
  const cookies = {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
  } as unknown as APIContext['cookies'];
  return { url: new URL(url, 'https://photos.example.com'), cookies };
}

const moderate = (yaml: string) =>
  writeFile(path.join(dir, 'guests', EVENT, 'moderation.yaml'), `photos:\n${yaml}`);

describe('findEventDownload', () => {
  it("gives the build's list of an event whose photos are still approved", async () => {
    await moderate('  doors.jpg:\n    status: approved\n  band.jpg:\n    status: approved\n');
    const found = await findEventDownload(EVENT, dirs, visit());
    expect(found).toMatchObject({ found: true, clientDir: dirs.clientDir });
    expect(
      found.found && found.kind === 'built' && found.entries.map((entry) => entry.name),
    ).toEqual(LISTS.events[EVENT]!.map((entry) => entry.name));
  });

  it('leaves out a guest photo rejected or sent back to pending since the build', async () => {
    await moderate('  doors.jpg:\n    status: rejected\n  band.jpg:\n    status: approved\n');
    const found = await findEventDownload(EVENT, dirs, visit());
    expect(
      found.found && found.kind === 'built' && found.entries.map((entry) => entry.name),
    ).toEqual(['b_instagram_1.webp', 'c_Ben_band.webp']);
    await moderate('  band.jpg:\n    status: pending\n');
    const again = await findEventDownload(EVENT, dirs, visit());
    expect(
      again.found && again.kind === 'built' && again.entries.map((entry) => entry.name),
    ).toEqual(['b_instagram_1.webp']);
  });

  it('answers an unknown event, an event with nothing, and a server without a build with a 404 naming the event', async () => {
    for (const [id, code] of [
      ['no-such-event', 'not_found'],
      ['2026-12-05-winter-market', 'no_photos'],
      ['constructor', 'not_found'],
    ] as const) {
      const found = await findEventDownload(id, dirs, visit());
      expect(found, id).toMatchObject({ found: false, status: 404, code });
      expect(!found.found && found.message, id).toMatch(/^event: /);
    }
    const unbuilt = await findEventDownload(EVENT, { serverDir: dir, clientDir: dir }, visit());
    expect(unbuilt).toMatchObject({ found: false, status: 404, code: 'not_built' });
  });
});

describe("a private event's download", () => {
  beforeEach(async () => {
    const folder = path.join(dir, 'guests', PRIVATE);
    await mkdir(folder, { recursive: true });
    // Photos with EXIF and GPS, as phones send them; one still waiting for review.
    const photo = (color: string) =>
      sharp({ create: { width: 3000, height: 2000, channels: 3, background: color } })
        .jpeg()
        .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N' } })
        .toBuffer();
    await writeFile(path.join(folder, 'toast.jpg'), await photo('#c33'));
    await writeFile(path.join(folder, 'queue.jpg'), await photo('#33c'));
    await writeFile(
      path.join(folder, 'moderation.yaml'),
      'photos:\n  toast.jpg: { status: approved, uploader: Ana }\n  queue.jpg: { status: pending }\n',
    );
    await mkdir(path.join(dirs.clientDir, '_astro'), { recursive: true });
    await writeFile(path.join(dirs.clientDir, '_astro/toast-post.webp'), 'post bytes');
  });

  it("is refused without the gallery's key, with a 403 that says how to open it", async () => {
    const found = await findEventDownload(PRIVATE, dirs, visit(`/g/${PRIVATE}/photos.zip`));
    expect(found).toMatchObject({ found: false, status: 403, code: 'private_gallery' });
    expect(!found.found && found.message).toContain(
      `open /g/${PRIVATE}/ with its password or link`,
    );
    const forged = await findEventDownload(
      PRIVATE,
      dirs,
      visit(`/g/${PRIVATE}/photos.zip?k=forged`),
    );
    expect(forged).toMatchObject({ found: false, status: 403 });
  });

  it('opened by a link, holds its approved photos re-encoded without metadata and its posts, named in its zone', async () => {
    const { url } = await privateLink(
      (await (await getServices()).guestEvents()).find((event) => event.id === PRIVATE)!,
      new Date(Date.now() + 3_600_000),
    );
    const key = new URL(url).searchParams.get('k');
    const found = await findEventDownload(
      PRIVATE,
      dirs,
      visit(`/g/${PRIVATE}/photos.zip?k=${encodeURIComponent(key!)}`),
    );
    expect(found).toMatchObject({ found: true, kind: 'private' });
    if (!found.found || found.kind !== 'private') return;
    const entries = privateZipEntries(await getServices(), found);
    const zip = await unzip(await buffer(zipStream(dirs.clientDir, entries)));
    // Taken "now" (no EXIF date in the test photo): after the post, in Berlin time.
    expect(zip.map((entry) => entry.name)).toEqual([
      '2026-11-14_20-30-00_instagram-northlight_p1.webp',
      expect.stringMatching(/^\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_Ana_toast\.webp$/),
    ]);
    expect(zip[0]!.bytes.toString()).toBe('post bytes');
    const photo = await sharp(zip[1]!.bytes).metadata();
    expect(photo).toMatchObject({ format: 'webp', width: 2048 });
    expect(photo.exif).toBeUndefined();
    expect(JSON.stringify(zip.map((entry) => entry.name))).not.toContain('queue');
  });
});
