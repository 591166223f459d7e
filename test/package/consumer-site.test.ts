/**
 * The package in someone else's site: `npm pack`, installed into test/fixtures/consumer (a
 * static marketing site with no adapter) the way npm would, built against the emulator.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { installFixture, packedFiles, packPackage } from '../helpers/packed-package.ts';
import { astroBuild, ROOT } from '../../harness/site-copy.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';
import { unzip } from '../helpers/unzip.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

let emulator: RunningEmulator;
let site: Awaited<ReturnType<typeof installFixture>>;
let packDir: string;
let build: Awaited<ReturnType<typeof astroBuild>>;

let emptySite: Awaited<ReturnType<typeof installFixture>>;
let emptyBuild: Awaited<ReturnType<typeof astroBuild>>;

beforeAll(async () => {
  packDir = await mkdtemp(path.join(os.tmpdir(), 'ais-pack-'));
  const tarball = await packPackage(packDir);
  site = await installFixture(path.join(ROOT, 'test/fixtures/consumer'), tarball);
  emulator = await startEmulator();
  const env = { INSTAGRAM_GRAPH_BASE: emulator.graphBase, IG_ACCESS_TOKEN: emulator.demoToken };
  build = await astroBuild(site.root, env);
  // The same site before any guest photo was approved: its folder is there, empty, and it was
  // never built (no data store holding the collection from an earlier build).
  emptySite = await installFixture(path.join(ROOT, 'test/fixtures/consumer'), tarball);
  await rm(path.join(emptySite.root, 'content/guest-photos'), { recursive: true });
  await mkdir(path.join(emptySite.root, 'content/guest-photos'));
  emptyBuild = await astroBuild(emptySite.root, env);
});
afterAll(async () => {
  await emulator?.close();
  await site?.remove();
  await emptySite?.remove();
  await rm(packDir, { recursive: true, force: true });
});

const dist = (...parts: string[]) => path.join(site.root, 'dist', ...parts);

// What a user needs, and nothing else: compiled code and types, components, the emulator's seed,
// the docs the README links to.
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^docs\/[\w-]+\.md$/,
  /^lib\/.+\.(js|d\.ts|astro)$/,
  /^lib\/emulator\/seed\/(demo\.json|sample\.mp4|sample-4s\.mp4)$/,
];

describe('the published files (npm pack --dry-run)', () => {
  it('are only those on the allow-list, with the entry points present', () => {
    const files = packedFiles();
    expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
    for (const needed of [
      'lib/index.js',
      'lib/index.d.ts',
      'lib/sync/index.js',
      'lib/emulator/index.js',
      'lib/components/EventGallery.astro',
    ]) {
      expect(files).toContain(needed);
    }
    expect(
      files.filter(
        (file) =>
          /(^|\/)(test|content|src|scripts|bench|harness)\//.test(file) ||
          /make-demo-seed/.test(file),
      ),
    ).toEqual([]);
  });

  it('hold every public export of package.json, with its types', async () => {
    const files = packedFiles();
    const { exports } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
    const entries = Object.values(exports).filter(
      (target): target is { types: string; default: string } => typeof target !== 'string',
    );
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      expect(files).toContain(entry.default.replace(/^\.\//, ''));
      expect(files).toContain(entry.types.replace(/^\.\//, ''));
    }
  });
});

describe('a static consumer site with the packed package', () => {
  it('builds with no adapter', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toMatch(/adapter/i);
  });

  it('installed the package as a real folder, with compiled JavaScript and types', () => {
    const installed = path.join(site.root, 'node_modules/astro-instagram-sync');
    expect(existsSync(path.join(installed, 'lib/index.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'lib/index.d.ts'))).toBe(true);
    expect(existsSync(path.join(installed, 'integration'))).toBe(false);
  });

  it('renders the gallery component with the approved photo and the matching Instagram posts, images local', async () => {
    const html = await readFile(dist('index.html'), 'utf8');
    expect(html).toContain('data-gallery');
    expect(html).toMatch(/data-source="guest"[^>]*data-id="[^"]*doors/);
    expect(html).toContain('data-source="instagram"');
    const sources = [...html.matchAll(/\ssrc(?:set)?="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) expect(src, src).toMatch(/^\/(_astro|_instagram)\//); // our own copies: images, and the videos the build copies
    expect(html).not.toContain(emulator.graphBase.replace(/\/v[\d.]+$/, ''));
  });

  it('renders the feed component: the newest posts, its props applied', async () => {
    const html = await readFile(dist('index.html'), 'utf8');
    const start = html.search(/<section class="[^"]*\bais-feed\b/);
    expect(start).toBeGreaterThan(-1);
    const feed = html.slice(start);
    expect(feed).toMatch(/^<section class="[^"]*\bhome-feed\b/);
    expect(feed).toContain('ais-layout-strip');
    expect([...feed.matchAll(/<li [^>]*data-source="instagram"/g)]).toHaveLength(6);
    expect(feed).toContain('Auf Instagram ansehen');
  });

  it('writes the "Download all" ZIP next to the event page: the approved photo as served, the posts\' media', async () => {
    const html = await readFile(dist('index.html'), 'utf8');
    const href = /<a class="ais-download-all" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('/g/spring-launch/photos.zip');
    const entries = await unzip(await readFile(dist('g/spring-launch/photos.zip')));
    const guest = entries.filter((entry) => entry.name.endsWith('_Ana_doors.webp'));
    expect(guest).toHaveLength(1);
    const served = /data-source="guest"[\s\S]*?class="ais-frame[^"]*" href="([^"]+)"/.exec(
      html,
    )?.[1];
    expect(guest[0]!.bytes.equals(await readFile(dist(served!.slice(1))))).toBe(true);
    expect(entries.some((entry) => entry.name.includes('_instagram-'))).toBe(true);
    expect(existsSync(dist('_astro-instagram-sync'))).toBe(false); // the build's list is gone
  });

  it('has no server routes: no server bundle, no API, no admin', () => {
    expect(existsSync(dist('server'))).toBe(false);
    expect(existsSync(dist('api'))).toBe(false);
    expect(existsSync(dist('admin'))).toBe(false);
    expect(build.output).not.toContain('/api/publish');
  });
});

describe('a consumer site with no guest photos yet', () => {
  it('builds without a single warning: an empty collection is a normal state', () => {
    expect(emptyBuild.code, emptyBuild.output).toBe(0);
    expect(emptyBuild.output).toContain('0 approved guest photos');
    expect(emptyBuild.output.split('\n').filter((line) => line.includes('[WARN]'))).toEqual([]);
  });

  it('renders the gallery with the Instagram posts and no guest photo', async () => {
    const html = await readFile(path.join(emptySite.root, 'dist/index.html'), 'utf8');
    expect(html).toContain('data-gallery');
    expect(html).toContain('data-source="instagram"');
    expect(html).not.toContain('data-source="guest"');
  });
});
