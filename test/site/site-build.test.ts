import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  startEmulator,
  type RunningEmulator,
  type Seed,
} from '../../integration/emulator/index.ts';
import { astroBuild, copySite, ROOT } from '../../harness/site-copy.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

/**
 * The reference site's code, unchanged, built with other content (test/fixtures/other-site)
 * against an emulator seeded with another account: only content and environment differ.
 */
const TOKEN = 'IGQVother-site-token-0123456789';
const seed: Seed = {
  accounts: [
    {
      userId: '17841499999999999',
      appScopedId: '9999999999999999',
      username: 'kirin.studio',
      name: 'Kirin Studio',
      accountType: 'MEDIA_CREATOR',
      biography: 'Pop-ups and gallery nights',
      website: 'https://example.org',
      followersCount: 512,
      followsCount: 80,
      tokens: [
        { token: TOKEN, expiresAt: '2099-01-01T00:00:00Z' },
        {
          token: 'IGQVrevoked-token-0123456789',
          expiresAt: '2099-01-01T00:00:00Z',
          revoked: 'invalid',
        },
      ],
      media: [
        media('18000000000000001', '2026-07-04T10:15:00Z', 'IMAGE', 'Opening night in Shibuya ✨'), // 19:15 Tokyo
        media(
          '18000000000000002',
          '2026-07-04T12:30:00Z',
          'CAROUSEL_ALBUM',
          'Carousel\nfrom the pop-up',
        ),
        media(
          '18000000000000003',
          '2026-07-06T12:00:00Z',
          'IMAGE',
          'Two days later: outside the window',
        ),
        media('18000000000000004', '2026-11-08T04:00:00Z', 'IMAGE', 'Gallery night #GalleryNight'), // 20:00 LA
        media('18000000000000005', '2026-11-08T05:00:00Z', 'IMAGE', 'No hashtag, same night'),
        media('18000000000000006', '2026-11-08T10:30:00Z', 'VIDEO', 'After hours #gallerynight'), // 02:30 LA: inside the 2h margin
      ],
    },
  ],
};

function media(
  id: string,
  timestamp: string,
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM',
  caption: string,
) {
  return {
    id,
    timestamp,
    mediaType,
    productType: mediaType === 'VIDEO' ? ('REELS' as const) : ('FEED' as const),
    caption,
    width: 1080,
    height: 1080,
    likeCount: 3,
    commentsCount: 1,
    shortcode: `K${id.slice(-6)}`,
    ...(mediaType === 'CAROUSEL_ALBUM' && {
      children: [
        { id: `${id.slice(0, -1)}7`, mediaType: 'IMAGE' as const, width: 1080, height: 1350 },
        { id: `${id.slice(0, -1)}8`, mediaType: 'VIDEO' as const, width: 1080, height: 1920 },
      ],
    }),
  };
}

let site: Awaited<ReturnType<typeof copySite>>;
let emulator: RunningEmulator;

beforeAll(async () => {
  site = await copySite(path.join(ROOT, 'test/fixtures/other-site/content'));
  await addGuestPhoto(site.root, '2026-07-04-tokyo-popup', 'lanterns.jpg', '2026:07:04 20:45:00');
  emulator = await startEmulator({ seed });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await site?.remove();
});

describe('building the unchanged site against another Graph-compatible server', () => {
  it('puts the other account’s posts in the other events’ galleries, all served locally', async () => {
    const build = await astroBuild(site.root, {
      INSTAGRAM_GRAPH_BASE: emulator.graphBase,
      IG_ACCESS_TOKEN: TOKEN,
    });
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toContain('Demo mode');

    const tokyo = await page(site.root, '2026-07-04-tokyo-popup');
    expect(itemIds(tokyo)).toEqual([
      '18000000000000001',
      '2026-07-04-tokyo-popup/lanterns.jpg',
      '18000000000000002',
    ]);
    const la = await page(site.root, '2026-11-07-la-gallery-night');
    expect(itemIds(la)).toEqual(['18000000000000004', '18000000000000006']);
    expect(la).toContain('<video');

    const html = await allClientText(site.root);
    expect(html).not.toContain(emulator.origin);
    expect(html).not.toMatch(/cdninstagram|fbcdn/);
    expect(html).not.toContain(TOKEN);
  });

  it('uses the last good snapshot when the token is revoked, and says why and what to do', async () => {
    const build = await astroBuild(site.root, {
      INSTAGRAM_GRAPH_BASE: emulator.graphBase,
      IG_ACCESS_TOKEN: 'IGQVrevoked-token-0123456789',
    });
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(/token is invalid or was revoked.*last good snapshot/s);
    expect(build.output).toContain('reconnect the account');
    expect(build.output).not.toContain('IGQVrevoked-token-0123456789');
    expect(itemIds(await page(site.root, '2026-11-07-la-gallery-night'))).toEqual([
      '18000000000000004',
      '18000000000000006',
    ]);
  });

  it('fails the build in strict mode (IG_SYNC_STRICT=1) with the cause and the fix', async () => {
    const build = await astroBuild(site.root, {
      INSTAGRAM_GRAPH_BASE: emulator.graphBase,
      IG_ACCESS_TOKEN: 'IGQVrevoked-token-0123456789',
      IG_SYNC_STRICT: '1',
    });
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('Instagram sync failed');
    expect(build.output).toContain('reconnect the account');
    expect(build.output).not.toContain('IGQVrevoked-token-0123456789');
  });
});

describe('a media download that fails for a file the cache has lost', () => {
  it('leaves that post out with a warning naming it, instead of failing with ImageNotFound', async () => {
    const media = path.join(site.root, '.astro-instagram-sync/media');
    const index = JSON.parse(await readFile(path.join(media, 'instagram.index.json'), 'utf8'));
    await rm(path.join(media, index['ig:18000000000000004:image'].file));
    emulator.control.addFault({ route: 'GET /cdn', status: 500, times: 0 });
    try {
      const build = await astroBuild(site.root, {
        INSTAGRAM_GRAPH_BASE: emulator.graphBase,
        IG_ACCESS_TOKEN: TOKEN,
      });
      expect(build.code, build.output).toBe(0);
      expect(build.output).not.toContain('ImageNotFound');
      expect(build.output).toMatch(/Instagram post 18000000000000004\b.*left out of this build/);
      expect(itemIds(await page(site.root, '2026-11-07-la-gallery-night'))).toEqual([
        '18000000000000006',
      ]);
    } finally {
      emulator.control.reset();
    }
  });
});

async function addGuestPhoto(root: string, eventId: string, name: string, taken: string) {
  const dir = path.join(root, 'content/guest-photos', eventId);
  await mkdir(dir, { recursive: true });
  const bytes = await sharp({
    create: { width: 800, height: 600, channels: 3, background: '#c0392b' },
  })
    .jpeg()
    .withExif({ IFD2: { DateTimeOriginal: taken } })
    .toBuffer();
  await writeFile(path.join(dir, name), bytes);
  await writeFile(path.join(dir, 'moderation.yaml'), `photos:\n  ${name}:\n    status: approved\n`);
}

const page = (root: string, eventId: string) =>
  readFile(path.join(root, 'dist/client/g', eventId, 'index.html'), 'utf8');
const itemIds = (html: string) =>
  [...html.matchAll(/<li data-source="(?:guest|instagram)" data-id="([^"]+)"/g)].map((m) => m[1]);

async function allClientText(root: string): Promise<string> {
  const dir = path.join(root, 'dist/client');
  const files = (await readdir(dir, { recursive: true })).filter((f) =>
    /\.(html|xml|js|css|json)$/.test(f),
  );
  return (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
}
