/**
 * "Download all" on a gallery page of the shared demo server (`npm start` over the demo build):
 * the browser saves one ZIP holding every approved guest photo as the page serves it and the
 * event's re-hosted Instagram media, and no pending or rejected photo; bad event ids are 4xx.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { unzip } from '../helpers/unzip.ts';
import { EMPTY_EVENT, MAIN_EVENT, moderation, readTimeline } from './support.ts';

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

test('“Download all” saves one ZIP of the approved guest photos and the Instagram media, in time order', async ({
  page,
}) => {
  await page.goto(`/g/${MAIN_EVENT}/`);
  const timeline = await readTimeline(page);
  // What the page serves: each guest photo's full-size download, each post's pictures and videos.
  const guestFiles = timeline
    .filter((item) => item.source === 'guest')
    .map((item) => item.downloads[0]!.href);
  const postFiles = timeline
    .filter((item) => item.source === 'instagram')
    .flatMap((item) => [
      ...item.frames.map((frame) => frame.href),
      ...item.videos.flatMap((video) => video.sources),
    ]);
  const { approved, hidden } = moderation(MAIN_EVENT);
  expect(guestFiles).toHaveLength(approved.length);
  expect(hidden.length, 'the demo event has photos that are not approved').toBeGreaterThan(0);

  const link = page.getByRole('link', { name: /^Download all/ });
  await expect(link).toHaveText(
    `Download all (${guestFiles.length + postFiles.length} files, ZIP)`,
  );
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(`${MAIN_EVENT}-photos.zip`);
  const entries = await unzip(await readFile((await download.path())!));

  // Byte for byte the files the page serves, in the page's (time) order, which is also name order.
  const served = await Promise.all(
    timeline
      .flatMap((item) =>
        item.source === 'guest'
          ? [item.downloads[0]!.href]
          : [
              ...item.frames.map((frame) => frame.href),
              ...item.videos.flatMap((video) => video.sources),
            ],
      )
      .map(async (href) => Buffer.from(await (await page.request.get(href)).body())),
  );
  expect(entries.map((entry) => entry.bytes.length)).toEqual(served.map((bytes) => bytes.length));
  entries.forEach((entry, index) => {
    expect(entry.bytes.equals(served[index]!), entry.name).toBe(true);
  });
  const names = entries.map((entry) => entry.name);
  expect(names).toEqual([...names].sort());
  for (const name of names) expect(name).toMatch(SAFE_NAME);
  expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  // Guest photos are the gallery's re-encodes: no EXIF or XMP block (so no GPS), and named by their photo.
  const guestEntries = entries.filter((entry) => !/_instagram/.test(entry.name));
  expect(guestEntries).toHaveLength(approved.length);
  for (const entry of guestEntries) {
    expect(entry.bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(entry.bytes.includes('EXIF'), entry.name).toBe(false);
    expect(entry.bytes.includes('XMP '), entry.name).toBe(false);
  }
  for (const photo of approved)
    expect(
      names.some((name) => name.endsWith(`_${photo.replace(/\.[^.]*$/, '')}.webp`)),
      photo,
    ).toBe(true);
  for (const photo of hidden)
    expect(
      names.some((name) => name.includes(photo.replace(/\.[^.]*$/, ''))),
      photo,
    ).toBe(false);
});

test('the ZIP says its length up front, and HEAD reads nothing', async ({ request }) => {
  const head = await request.head(`/g/${MAIN_EVENT}/photos.zip`);
  expect(head.status()).toBe(200);
  expect(head.headers()['content-type']).toBe('application/zip');
  const length = Number(head.headers()['content-length']);
  const get = await request.get(`/g/${MAIN_EVENT}/photos.zip`);
  expect((await get.body()).length).toBe(length);
});

test('an event with nothing to download has no link, and its ZIP is a 404', async ({
  page,
  request,
}) => {
  await page.goto(`/g/${EMPTY_EVENT}/`);
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Download all/ })).toHaveCount(0);
  await expect(page.locator('.download-all-line')).toBeHidden(); // no empty line in the header
  const answer = await request.get(`/g/${EMPTY_EVENT}/photos.zip`);
  expect(answer.status()).toBe(404);
  expect((await answer.json()).error.message).toMatch(/^event: /);
});

test('an unknown or malformed event id is a 4xx naming the event', async ({ request }) => {
  const unknown = await request.get('/g/no-such-event/photos.zip');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatchObject({
    code: 'not_found',
    message: 'event: there is no event "no-such-event".',
  });
  for (const id of ['No_Such', '-x', `${'a'.repeat(101)}`, 'a%20b']) {
    const bad = await request.get(`/g/${id}/photos.zip`);
    expect(bad.status(), id).toBe(400);
    expect((await bad.json()).error.message, id).toMatch(/event/);
  }
});
