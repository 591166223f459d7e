/**
 * What the publish page shows a person: the caption counts line, the move buttons of the chosen
 * list, items that cannot be published (marked with their reason, never offered), times in the
 * event's zone, the demo's launch reel published end to end, and an account connected without
 * the publish permission.
 *
 * Same rules as publish.spec.ts: one worker, in order; `beforeEach` disconnects every account and
 * resets the emulator. Logs in from 127.0.0.6 (admin.spec.ts locks 127.0.0.1 out).
 */
import { expect, test, type Page } from '@playwright/test';
import { formatDay, formatTime } from '../../../integration/components/format.ts';
import { assembleCaption, countCharacters } from '../../../integration/publish/prepare/caption.ts';
import {
  chooseEvent,
  chosenNames,
  logInFromOtherAddress,
  publishedPosts,
} from './publish-support.ts';
import {
  allowOnConsentPage,
  BEARER,
  connectAccount,
  disconnectAll,
  emulator,
  expectJsonError,
  NORTHLIGHT,
  openConsentPage,
  OTHERVENUE,
  SAME_ORIGIN,
} from './support.ts';
import { SITE_URL } from './server-env.ts';

test.describe.configure({ mode: 'default' });

const SPRING = '2026-04-29'; // Europe/Berlin
const FESTIVAL = '2026-06-20-summer-festival'; // America/New_York
/** The demo's "The launch moment" reel: the emulator's 4 s clip. */
const LAUNCH_REEL = '17918204126523495';
/** "Headliner singalong": copyright-blocked, Graph gives no media_url. */
const BLOCKED_REEL = '17943777052255343';
/** The festival's day-one carousel video: the emulator's 2 s clip. */
const SHORT_VIDEO = '18099018019078277';

const zoned = (iso: string, zone: string) =>
  `${formatDay(iso, zone)}, ${formatTime(iso, zone, true)}`;
const pick = (page: Page, mediaId: string) => page.locator(`#pick-instagram_${mediaId}`);

test.beforeEach(async ({ request, context }) => {
  await disconnectAll(request);
  await emulator.reset(request);
  await logInFromOtherAddress(context, '127.0.0.6');
});

test('the counts line reads "…, …, …", and the first item has no Move up nor the last a Move down', async ({
  page,
}) => {
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  await page.getByLabel('Kind').selectOption('carousel');
  await chooseEvent(page, SPRING);

  const counts = page.locator('#caption-counts');
  await expect(counts).toHaveText('0 / 2200 characters, 0 / 30 hashtags, 0 / 20 mentions');
  await page.getByLabel('Caption', { exact: true }).fill('Thanks @northlight.events!');
  await page.getByLabel('Hashtags').fill('springlaunch, berlin');
  const characters = countCharacters(
    assembleCaption('Thanks @northlight.events!', ['springlaunch', 'berlin']),
  );
  expect(characters).toBeGreaterThan(40);
  await expect(counts).toHaveText(
    `${characters} / 2200 characters, 2 / 30 hashtags, 1 / 20 mentions`,
  );

  for (const name of ['band.jpg', 'collection.jpg', 'confetti.jpg'])
    await page.getByLabel(`Add ${name}`).check();
  const moves = async () =>
    page
      .locator('#chosen button[data-action="up"], #chosen button[data-action="down"]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  await expect
    .poll(moves)
    .toEqual([
      'Move down band.jpg',
      'Move up collection.jpg',
      'Move down collection.jpg',
      'Move up confetti.jpg',
    ]);

  // Moved to the end, band.jpg loses its Move down; the keyboard stays on band.jpg.
  await page.getByRole('button', { name: 'Move down band.jpg' }).click();
  await page.getByRole('button', { name: 'Move down band.jpg' }).click();
  await expect(chosenNames(page)).toHaveText(['collection.jpg', 'confetti.jpg', 'band.jpg']);
  await expect(page.getByRole('button', { name: 'Move up band.jpg' })).toBeFocused();
  await expect
    .poll(moves)
    .toEqual([
      'Move down collection.jpg',
      'Move up confetti.jpg',
      'Move down confetti.jpg',
      'Move up band.jpg',
    ]);
  // A lone item has neither.
  for (const name of ['collection.jpg', 'confetti.jpg'])
    await page.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(chosenNames(page)).toHaveText(['band.jpg']);
  await expect.poll(moves).toEqual([]);
});

test('a blocked video and a video under 3 s are marked with their reason and cannot be chosen; times are in the event zone', async ({
  page,
}) => {
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  await page.getByLabel('Kind').selectOption('reel');
  await chooseEvent(page, FESTIVAL);

  const blocked = pick(page, BLOCKED_REEL);
  await expect(blocked).toBeDisabled();
  await expect(blocked).toHaveAccessibleDescription(
    'Blocked: Instagram withholds this file (copyrighted material), so it cannot be copied.',
  );
  const short = pick(page, SHORT_VIDEO);
  await expect(short).toBeDisabled();
  await expect(short).toHaveAccessibleDescription(
    'Too short: 2 s; Instagram takes videos of 3 s or more.',
  );
  // Still marked in a carousel, where videos are otherwise welcome.
  await page.getByLabel('Kind').selectOption('carousel');
  await expect(short).toBeDisabled();
  await expect(short).toHaveAccessibleDescription(/^Too short: 2 s/);
  await expect(page.locator('#posts li[data-media-type="image"] input').first()).toBeEnabled();

  // The blocked reel was posted at 21:00 UTC: 17:00 in New York, labelled with the zone.
  await expect(blocked).toHaveAccessibleName(
    `Add Instagram video, ${zoned('2026-06-20T21:00:00Z', 'America/New_York')}`,
  );
  expect(zoned('2026-06-20T21:00:00Z', 'America/New_York')).toMatch(/^20 Jun 2026, 17:00 \S+$/);
  await chooseEvent(page, SPRING);
  await expect(pick(page, LAUNCH_REEL)).toHaveAccessibleName(
    'Add Instagram video, 29 Apr 2026, 21:40 CEST',
  );
});

test("a reel of the demo's launch video, published end to end; the history shows its time in the event zone", async ({
  page,
  request,
}) => {
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  await page.getByLabel('Kind').selectOption('reel');
  await chooseEvent(page, SPRING);

  await pick(page, LAUNCH_REEL).check();
  await expect(chosenNames(page)).toHaveText(['Instagram video, 29 Apr 2026, 21:40 CEST']);
  await page.getByLabel('Caption', { exact: true }).fill('The launch moment, again');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('#job-status')).toHaveText('Published: 2 of 2', { timeout: 60_000 });
  expect(await publishedPosts(request)).toMatchObject([
    { mediaType: 'VIDEO', productType: 'REELS', caption: 'The launch moment, again' },
  ]);

  const { jobs } = (await (await request.get('/api/publish', { headers: BEARER })).json()) as {
    jobs: { createdAt: string; kind: string }[];
  };
  const [job] = jobs;
  expect(job?.kind).toBe('reel');
  const row = page.locator('#history tbody tr').first();
  await expect(row.locator('td').first()).toHaveText(zoned(job!.createdAt, 'Europe/Berlin'));
  await expect(row.locator('td').first()).toHaveText(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d CES?T$/);
  // Another event, another zone: the same job in New York time.
  await chooseEvent(page, FESTIVAL);
  await expect(row.locator('td').first()).toHaveText(zoned(job!.createdAt, 'America/New_York'));
});

test('an account connected without the publish permission is marked and cannot be chosen, and the API refuses it with a 403 saying what to do', async ({
  page,
  request,
}) => {
  await openConsentPage(page);
  await page.getByLabel("Don't allow: Publish posts to your account").check();
  await allowOnConsentPage(page, OTHERVENUE);
  await expect(page.getByRole('status')).toHaveText(`Connected @${OTHERVENUE.username}.`);

  // Alone, it leaves nothing to publish with: the page says why and what to do.
  await page.goto('/admin/publish');
  const problem = page.locator('.problem[role="alert"]');
  await expect(problem).toContainText('No connected account may publish');
  await expect(problem).toContainText(
    `@othervenue (${OTHERVENUE.userId}) was connected without the permission to publish (instagram_business_content_publish). Reconnect it in /admin and allow publishing content.`,
  );
  await expect(page.locator('#publish-form')).toHaveCount(0);

  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  const account = page.getByLabel('Account');
  await expect(account).toHaveValue(NORTHLIGHT.userId);
  const other = account.locator(`option[value="${OTHERVENUE.userId}"]`);
  await expect(other).toBeDisabled();
  await expect(other).toHaveText(
    '@othervenue (cannot publish: reconnect it and allow publishing content)',
  );
  await expect(account.locator(`option[value="${NORTHLIGHT.userId}"]`)).toBeEnabled();
  await expect(account).toHaveAccessibleDescription(/without the permission to publish/);

  const refused = await request.post('/api/publish', {
    headers: { ...BEARER, ...SAME_ORIGIN },
    data: {
      account: OTHERVENUE.userId,
      kind: 'image',
      fit: 'crop',
      items: [{ source: { type: 'guest', eventId: SPRING, name: 'doors.jpg' } }],
      idempotencyKey: 'no-publish-permission',
    },
  });
  const error = await expectJsonError(refused, 403, 'publish_permission_missing');
  expect(error.message).toContain(`@othervenue (${OTHERVENUE.userId})`);
  expect(error.message).toContain('Reconnect it in /admin and allow publishing content.');
  expect(await emulator.count(request, 'POST /{ig-user-id}/media')).toBe(0);
  expect(page.url()).toBe(`${SITE_URL}/admin/publish`);
});
