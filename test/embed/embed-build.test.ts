import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { astroBuild, copySite, ROOT } from '../../harness/site-copy.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

/**
 * The embed routes in whole builds of the reference site's code with the other-site fixture
 * (two events, no photos, no Instagram: quick builds): on by default, off with
 * `embed: { enabled: false }`, and a build without `site` stopped with what to set.
 */
const EVENTS = ['2026-07-04-tokyo-popup', '2026-11-07-la-gallery-night'];
const EMBED_FILES = [
  'embed.js',
  'embed/feed/index.html',
  'instagram/feed.json',
  '_headers',
  ...EVENTS.flatMap((id) => [`embed/g/${id}/index.html`, `g/${id}.json`]),
];
const env = {
  PUBLIC_BASE_URL: 'https://photos.example.com',
  EMBED_ALLOWED_ORIGINS: 'https://www.example.com, https://blog.example.org',
};

let site: Awaited<ReturnType<typeof copySite>>;
const built = (file: string) => path.join(site.root, 'dist/client', file);

beforeAll(async () => {
  site = await copySite(path.join(ROOT, 'test/fixtures/other-site/content'));
}, 60_000);

afterAll(async () => site?.remove());

async function buildWith(syncOptions: string) {
  await writeFile(
    path.join(site.root, 'instagram-sync.config.ts'),
    `export default ${syncOptions};\n`,
  );
  await rm(path.join(site.root, 'dist'), { recursive: true, force: true });
  return astroBuild(site.root, env);
}

describe('the embed routes in a build', () => {
  it('are built by default, with the allowed origins in _headers and absolute feed URLs from `site`', async () => {
    const build = await buildWith('{}');
    expect(build.code, build.output).toBe(0);
    for (const file of EMBED_FILES) expect(existsSync(built(file)), file).toBe(true);

    const headers = await readFile(built('_headers'), 'utf8');
    expect(headers).toContain(
      '/embed/*\n  Content-Security-Policy: frame-ancestors https://www.example.com https://blog.example.org\n',
    );
    const feed = JSON.parse(await readFile(built(`g/${EVENTS[0]}.json`), 'utf8')) as {
      feed_url: string;
      home_page_url: string;
    };
    expect(feed.feed_url).toBe(`https://photos.example.com/g/${EVENTS[0]}.json`);
    expect(feed.home_page_url).toBe(`https://photos.example.com/g/${EVENTS[0]}/`);
  });

  it('are not built at all with embed: { enabled: false }, and the galleries still are', async () => {
    const build = await buildWith('{ embed: { enabled: false } }');
    expect(build.code, build.output).toBe(0);
    for (const id of EVENTS) expect(existsSync(built(`g/${id}/index.html`)), id).toBe(true);
    for (const file of [...EMBED_FILES, 'embed']) expect(existsSync(built(file)), file).toBe(false);
    expect(build.output).not.toMatch(/\/embed|feed\.json/);
  });

  it('stop a build without `site`, saying to set it (PUBLIC_BASE_URL in the reference site)', async () => {
    await writeFile(
      path.join(site.root, 'astro.config.mjs'),
      [
        "import node from '@astrojs/node';",
        "import { defineConfig } from 'astro/config';",
        "import instagramSync from './integration/index.ts';",
        'export default defineConfig({ output: "static", adapter: node({ mode: "standalone" }), integrations: [instagramSync({})] });',
        '',
      ].join('\n'),
    );
    const build = await buildWith('{}');
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('has no `site`');
    expect(build.output).toContain('PUBLIC_BASE_URL');
    expect(build.output).toContain('embed: { enabled: false }');
  });
});
