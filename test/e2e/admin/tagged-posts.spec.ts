/**
 * Tagged posts on the real server: a comment that @mentions the account, sent by the emulator
 * signed as Meta signs it, becomes a pending post of the event whose window holds it on
 * /admin/moderation; approved and then removed (the takedown) with the keyboard only. What the
 * next build's gallery gets is read with the instagram loader's own step (taggedPostEntries) on
 * the server's state db: no new build. Pages are read with the bearer token, not a login
 * (admin.spec.ts ends by locking logins out).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadEvents } from '../../../integration/events/events.ts';
import { resolveOptions } from '../../../integration/options.ts';
import { taggedPostEntries } from '../../../integration/sync/tagged-entries.ts';
import { EMULATOR_URL, SERVER_ENV, SITE_URL, STATE_DB_PATH } from './server-env.ts';
import { BEARER, DAY_MS, NORTHLIGHT, ROOT, seedAccount } from './support.ts';

const WINTER_MARKET = '2026-12-05-winter-market';

/** The tagged entries the next build's instagram collection would get, by id. */
async function nextBuildTagged(): Promise<Map<string, Record<string, unknown>>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ais-tagged-e2e-'));
  try {
    const options = resolveOptions({ dataDir }, {});
    const entries = await taggedPostEntries({
      root: ROOT,
      options,
      events: await loadEvents(ROOT, options.eventsDir, options.window),
      logger: { info: () => {}, warn: () => {} },
      env: { ...SERVER_ENV, STATE_DB_PATH: join(ROOT, STATE_DB_PATH) },
    });
    return new Map(entries.map((entry) => [entry.id, entry.data]));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Inside the Winter Market's window (content/events/2026-12-05-winter-market.yaml). */
const AT_THE_MARKET = Date.parse('2026-12-05T15:30:00Z');

test('a mention → a candidate on /admin/moderation → approved → removed', async ({
  page,
  request,
}) => {
  const now = Date.now();
  await seedAccount(request, NORTHLIGHT, { issuedAt: now, expiresAt: now + 50 * DAY_MS });
  await page.setExtraHTTPHeaders(BEARER);
  const moderationCount = async () =>
    Number(
      await page
        .getByRole('navigation', { name: 'Admin' })
        .locator('[data-waiting-count]')
        .getAttribute('data-waiting-count'),
    );
  await page.goto('/admin/moderation');
  const before = await moderationCount();
  // Digits only, as Instagram's; new per run, as the server's store outlives a spec.
  const mediaId = `9${now}`;
  const sent = await request.post(`${EMULATOR_URL}/__control/webhooks`, {
    data: {
      callbackUrl: `${SITE_URL}/api/instagram/webhook`,
      entries: [
        {
          accountId: NORTHLIGHT.userId,
          time: Math.floor(AT_THE_MARKET / 1000),
          changes: [
            {
              field: 'comments',
              value: {
                from: { id: '4242', username: 'guest.mika' },
                id: `tagged-spec-${now}`,
                text: `Mulled wine with @${NORTHLIGHT.username} ✨`,
                media: { id: mediaId, media_product_type: 'FEED' },
              },
            },
          ],
        },
      ],
    },
  });
  expect(sent.status()).toBe(200);

  const candidate = page.locator(`li.candidate[data-media="${mediaId}"]`);
  await expect
    .poll(
      async () => {
        await page.goto('/admin/moderation');
        return candidate.count();
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  expect((await nextBuildTagged()).has(mediaId)).toBe(false); // pending: never built
  expect(await moderationCount()).toBe(before + 1); // waiting, in the navigation's count
  const market = page.locator('section.tagged-event', { has: candidate });
  await expect(market.getByRole('heading', { level: 3 })).toHaveText('Winter Market');
  await expect(candidate).toContainText('@guest.mika mentioned the account in a comment');
  await expect(candidate).toContainText('waiting');

  await candidate.getByRole('button', { name: 'Approve the post of @guest.mika' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Approved');
  await expect(candidate).toHaveAttribute('data-status', 'approved');
  await expect(candidate).toContainText('in the gallery');
  expect(await moderationCount()).toBe(before);
  expect((await nextBuildTagged()).get(mediaId)).toMatchObject({
    eventIds: [WINTER_MARKET],
    feed: false,
    username: 'guest.mika',
    taggedBy: { author: 'guest.mika', via: 'comment-mention' },
  });

  await candidate
    .getByRole('button', { name: 'Remove the post of @guest.mika from the gallery' })
    .focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Removed');
  await expect(candidate).toHaveCount(0);
  expect((await nextBuildTagged()).has(mediaId)).toBe(false); // the takedown

  const listed = await request.get(`/api/admin/moderation/tagged?event=${WINTER_MARKET}`, {
    headers: BEARER,
  });
  const { candidates } = (await listed.json()) as {
    candidates: { mediaId: string; status: string }[];
  };
  expect(candidates.find((each) => each.mediaId === mediaId)?.status).toBe('removed');
});
