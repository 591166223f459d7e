import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, test, type Page } from '@playwright/test';
import { S3_CREDENTIALS, startS3 } from '../../helpers/s3-server.ts';
import { photoWithGps, TEXT_AS_JPEG } from '../../helpers/guest-files.ts';
import { readTimeline } from '../support.ts';
import { buildAndServe } from './gallery-build.ts';
import { ADMIN_PASSWORD, SERVER_ENV } from './server-env.ts';
import { startServerProcess } from './server-process.ts';

test.describe.configure({ mode: 'default', timeout: 2_700_000 });

const EVENT = 'garden-party';
const PORTS = {
  local: Number(process.env.E2E_GUEST_LOCAL_PORT ?? 4451),
  s3: Number(process.env.E2E_GUEST_S3_PORT ?? 4452),
};
const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);

interface GuestSite {
  url: string;
  work: string;
  s3?: Awaited<ReturnType<typeof startS3>>;
  env: Record<string, string>;
  output: () => string;
  /** POSTs the rebuild hook received. */
  hookCalls: () => number;
  close(): Promise<void>;
}

async function startGuestSite(mode: 'local' | 's3'): Promise<GuestSite> {
  const port = PORTS[mode];
  const url = `http://127.0.0.1:${port}`;
  const work = await mkdtemp(path.join(os.tmpdir(), `ais-guest-${mode}-`));
  await mkdir(path.join(work, 'content/events'), { recursive: true });
  await mkdir(path.join(work, 'content/guest-photos'));
  const now = Date.now();
  await writeFile(
    path.join(work, 'content/events', `${EVENT}.yaml`),
    `title: Garden Party\ntimezone: UTC\nstart: ${minute(now - 2 * 3600_000)}\nend: ${minute(now + 2 * 3600_000)}\nuploads:\n  enabled: true\n  until: ${minute(now + 86_400_000)}\n`,
  );
  const s3 = mode === 's3' ? await startS3('guest-e2e', [url]) : undefined;
  const storageEnv: Record<string, string> = s3
    ? {
        S3_BUCKET: s3.options.bucket,
        S3_ENDPOINT: s3.options.endpoint!,
        S3_REGION: 'us-east-1',
        S3_FORCE_PATH_STYLE: '1',
        AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      }
    : {};
  // The rebuild hook: a local server counting the build hook's POSTs.
  const hook = { calls: 0 };
  const hookServer = createServer((request, response) => {
    if (request.method === 'POST') hook.calls++;
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  const hookEnv = {
    DEPLOY_HOOK_URL: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/build-hook`,
    DEPLOY_HOOK_QUIET_SECONDS: '1',
  };
  const server = await startServerProcess({
    cwd: work,
    port,
    env: {
      ...SERVER_ENV,
      ...storageEnv,
      ...hookEnv,
      STATE_DB_PATH: path.join(work, 'state/state.db'),
    },
  });
  return {
    url,
    work,
    ...(s3 && { s3 }),
    env: storageEnv,
    output: server.output,
    hookCalls: () => hook.calls,
    async close() {
      await server.stop();
      await new Promise<void>((resolve) => hookServer.close(() => resolve()));
      await s3?.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

async function uploadAsGuest(
  page: Page,
  site: GuestSite,
  files: { name: string; mimeType: string; buffer: Buffer }[],
  caption: string,
): Promise<void> {
  await page.goto(`${site.url}/g/${EVENT}/upload`);
  await expect(page.getByRole('heading', { name: 'Share your photos' })).toBeVisible();
  await page.getByLabel('Photos').setInputFiles(files);
  await page.getByLabel('Your name (optional)').fill('Ana');
  await page.getByLabel('Caption (optional)').fill(caption);
  await page.getByRole('button', { name: 'Upload' }).click();
}

/** The upload page on a 390 px phone: no sideways scrolling, a filled Upload button. */
async function expectFitsThePhone(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(clientWidth).toBe(390);
  expect(scrollWidth, 'the upload page is wider than the phone').toBeLessThanOrEqual(clientWidth);
  const upload = page.getByRole('button', { name: 'Upload' });
  await expectFilledButton(upload);
  const [button, form] = await Promise.all([
    upload.boundingBox(),
    page.locator('#guest-upload').boundingBox(),
  ]);
  expect(button!.width, 'the Upload button spans the form').toBeCloseTo(form!.width, 0);
}

/** Looks like the site's primary button: a filled background in the accent, light text. */
async function expectFilledButton(target: Locator): Promise<void> {
  const style = await target.evaluate((element) => {
    const css = getComputedStyle(element);
    return { background: css.backgroundColor, color: css.color, display: css.display };
  });
  // The accent, or its darker hover shade if the pointer is still over it.
  expect(['rgb(91, 33, 182)', 'rgb(76, 29, 149)'], 'filled').toContain(style.background);
  expect(style.color).toBe('rgb(255, 255, 255)');
  expect(style.display).not.toBe('inline');
}

async function logIn(page: Page, site: GuestSite): Promise<void> {
  await page.goto(`${site.url}/admin/login`);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(`${site.url}/admin`);
}

const photo = (page: Page, caption: string) => page.locator('li.photo', { hasText: caption });

for (const mode of ['local', 's3'] as const) {
  test(`guest photos through ${mode === 's3' ? 'S3 by presigned PUT' : 'the server to the local folder'}: upload, moderate, and only the approved one is built`, async ({
    browser,
  }) => {
    const site = await startGuestSite(mode);
    try {
      const guest = await browser.newPage({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      await uploadAsGuest(
        guest,
        site,
        [
          { name: 'red.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps('#c0392b') },
          { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: TEXT_AS_JPEG },
        ],
        'Red balloon',
      );
      const rows = guest.locator('ul.files li');
      await expect(rows.filter({ hasText: 'red.jpg' })).toHaveAttribute('data-state', 'done');
      const refused = rows.filter({ hasText: 'notes.jpg' });
      await expect(refused).toHaveAttribute('data-state', 'failed');
      // The refusal, announced, in place of the progress bar (which filled as the bytes went up).
      await expect(refused.getByRole('alert')).toHaveText(
        /notes\.jpg is not a photo this site takes/,
      );
      await expect(refused.locator('progress')).toHaveCount(0);
      await expectFitsThePhone(guest);
      await uploadAsGuest(
        guest,
        site,
        [{ name: 'blue.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps('#2980b9') }],
        'Blue balloon',
      );
      await expect(rows.filter({ hasText: 'blue.jpg' })).toHaveAttribute('data-state', 'done');

      const staff = await browser.newPage();
      await logIn(staff, site);
      await staff.goto(`${site.url}/admin/moderation`);
      await expect(staff.locator('li.photo')).toHaveCount(2);
      await expect(photo(staff, 'Red balloon')).toContainText('Ana');

      await photo(staff, 'Red balloon').focus();
      await staff.keyboard.press('a');
      await expect(staff.locator('#moderation-undo')).toContainText('Approved 1 photo.');
      await expect(staff.locator('li.photo')).toHaveCount(1);

      await photo(staff, 'Blue balloon').getByRole('checkbox').check();
      await staff.getByRole('button', { name: 'Reject selected' }).click();
      await expect(staff.locator('#moderation-undo')).toContainText('Rejected 1 photo.');
      await staff.getByRole('button', { name: 'Undo' }).click();
      await expect(photo(staff, 'Blue balloon')).toBeVisible();
      await photo(staff, 'Blue balloon').focus();
      await staff.keyboard.press('r');
      await expect(staff.locator('li.photo')).toHaveCount(0);
      await staff.reload();
      await expect(staff.getByText('No guest photos are waiting.')).toBeVisible();

      // The approval asked for a rebuild: one call to the hook once the burst is over.
      await expect.poll(() => site.hookCalls(), { timeout: 15_000 }).toBe(1);
      await staff.waitForTimeout(2_500);
      expect(site.hookCalls()).toBe(1);

      const stored = await storedFolders(site);
      expect(stored.approved).toHaveLength(1);
      expect(stored.rejected).toHaveLength(1);
      expect(stored.pending).toEqual([]);

      const gallery = await buildSiteCopy(site);
      try {
        expect(gallery.code, gallery.output).toBe(0);
        const visitor = await browser.newPage();
        await visitor.goto(`${gallery.url}/g/${EVENT}/`);
        const guests = (await readTimeline(visitor)).filter((item) => item.source === 'guest');
        expect(guests.map((item) => item.id)).toEqual([`${EVENT}/${stored.approved[0]}`]);
        await expect(visitor.locator('ol.ais-timeline > li[data-source="guest"]')).toContainText(
          'Red balloon',
        );
        const share = visitor.getByRole('link', { name: 'Share your photos' });
        await expect(share).toHaveAttribute('href', `/g/${EVENT}/upload`);
        await expectFilledButton(share);
      } finally {
        await gallery.close();
      }
    } finally {
      await site.close();
    }
  });
}

test('guest upload routes refuse cross-site posts, unknown events and closed windows with clear messages', async ({
  request,
  page,
}) => {
  const site = await startGuestSite('local');
  try {
    const start = (event: string, headers: Record<string, string>) =>
      request.post(`${site.url}/api/guest/${event}/uploads`, {
        headers,
        data: { fileName: 'a.jpg', bytes: 1000, contentType: 'image/jpeg' },
      });
    const crossSite = await start(EVENT, { origin: 'https://evil.example' });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).error.code).toBe('cross_site');
    const unknown = await start('no-such-event', { origin: site.url });
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.message).toContain('There is no event "no-such-event"');
    await writeFile(
      path.join(site.work, 'content/events/last-week.yaml'),
      'title: Last Week\ntimezone: UTC\nstart: 2026-01-01T10:00\nend: 2026-01-01T12:00\nuploads:\n  enabled: true\n  until: 2026-01-02T12:00\n',
    );
    const closed = await start('last-week', { origin: site.url });
    expect(closed.status()).toBe(403);
    expect((await closed.json()).error.message).toContain(
      'Uploads for Last Week closed on 2026-01-02 12:00 UTC',
    );
    await page.goto(`${site.url}/g/last-week/upload`);
    await expect(page.getByRole('alert')).toContainText('Uploads for Last Week closed');
    const missing = await page.goto(`${site.url}/g/no-such-event/upload`);
    expect(missing?.status()).toBe(404);
    expect(await readdir(path.join(site.work, 'content/guest-photos'))).toEqual([]);
  } finally {
    await site.close();
  }
});

async function storedFolders(site: GuestSite) {
  const namesIn = async (folder: string) => {
    if (site.s3) {
      const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      const page = await site.s3.client.send(
        new ListObjectsV2Command({ Bucket: site.s3.options.bucket, Prefix: `${EVENT}/${folder}` }),
      );
      return (page.Contents ?? [])
        .map((item) => item.Key!.slice(`${EVENT}/${folder}`.length))
        .filter((name) => name && !name.includes('/'));
    }
    return readdir(path.join(site.work, 'content/guest-photos', EVENT, folder), {
      withFileTypes: true,
    })
      .then((entries) => entries.filter((entry) => entry.isFile()).map((entry) => entry.name))
      .catch(() => []);
  };
  const approved = (await namesIn('')).filter((name) => name !== 'moderation.yaml');
  return { approved, pending: await namesIn('pending/'), rejected: await namesIn('rejected/') };
}

/** The next build: the reference site over the same content and guest storage, served statically. */
function buildSiteCopy(site: GuestSite) {
  return buildAndServe(path.join(site.work, 'content'), site.env);
}
