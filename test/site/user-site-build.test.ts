import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startS3 } from '../helpers/s3-server.ts';
import { astroBuild, copySite, ROOT } from '../../harness/site-copy.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

/**
 * A user's own site: the reference code with `demo` off (no emulator fallback), the other-site
 * fixture events, and guest photos in an S3-compatible bucket configured only through the
 * environment.
 */
let site: Awaited<ReturnType<typeof copySite>>;
let s3: Awaited<ReturnType<typeof startS3>>;

beforeAll(async () => {
  site = await copySite(path.join(ROOT, 'test/fixtures/other-site/content'));
  await writeFile(path.join(site.root, 'instagram-sync.config.ts'), 'export default {};\n');
  s3 = await startS3('user-guest-photos');
  const folder = path.join(site.root, 'upload');
  await mkdir(folder);
  const photo = await sharp({
    create: { width: 640, height: 480, channels: 3, background: '#16a085' },
  })
    .jpeg()
    .withExif({ IFD2: { DateTimeOriginal: '2026:11:07 21:30:00' } })
    .toBuffer();
  await writeFile(path.join(folder, 'crowd.jpg'), photo);
  await writeFile(path.join(folder, 'secret.jpg'), photo);
  await writeFile(
    path.join(folder, 'moderation.yaml'),
    'photos:\n  crowd.jpg:\n    status: approved\n    uploader: Sam\n  secret.jpg:\n    status: rejected\n',
  );
  await s3.uploadFolder(folder, '2026-11-07-la-gallery-night', 'guests/');
}, 60_000);

afterAll(async () => {
  await s3?.close();
  await site?.remove();
});

const s3Env = () => ({
  S3_BUCKET: s3.options.bucket,
  S3_ENDPOINT: s3.options.endpoint!,
  S3_PREFIX: 'guests/',
  S3_FORCE_PATH_STYLE: '1',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
});

describe("a user's own site", () => {
  it('builds with guest photos from S3 only, and warns, when it has no token and no snapshot', async () => {
    const build = await astroBuild(site.root, s3Env());
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain(
      'No Instagram access token and no snapshot: galleries show guest photos only',
    );
    expect(build.output).toContain('1 approved guest photos from s3://user-guest-photos/guests/');
    expect(build.output).not.toContain('Demo mode');
    expect(build.output).not.toContain('S3RVER');

    const html = await readFile(
      path.join(site.root, 'dist/client/g/2026-11-07-la-gallery-night/index.html'),
      'utf8',
    );
    const items = [...html.matchAll(/<li data-source="(guest|instagram)" data-id="([^"]+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(items).toEqual(['guest:2026-11-07-la-gallery-night/crowd.jpg']);
    expect(html).toContain('Sam');
  });

  it('fails the build on a bad event file, naming the file, the field and the fix', async () => {
    const bad = path.join(site.root, 'content/events/2026-12-31-broken.yaml');
    await writeFile(
      bad,
      'title: Broken\ntimezone: Europe/Berln\nstart: 2026-12-31T20:00\nend: 2027-01-01T02:00\n',
    );
    const build = await astroBuild(site.root, s3Env());
    expect(build.code).not.toBe(0);
    expect(build.output).toContain(
      'content/events/2026-12-31-broken.yaml: field `timezone` is not an IANA time zone',
    );
    expect(build.output).toContain('Europe/Berlin');
  });
});
