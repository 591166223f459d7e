/**
 * /admin/moderation as staff see it: upload times in each event's own time zone, and the
 * waiting counts (the event's heading, the navigation's "Moderation (n)") following every
 * approval and rejection, with JavaScript (buttons, the a and r keys) and without; a batch
 * moderated with the keyboard only. On a server of its own (moderation-site.ts): each test
 * writes the events and photos it needs, so none depends on another.
 */
import { expect, test, type Page } from '@playwright/test';
import { type ModerationSite, startModerationSite, type WaitingPhoto } from './moderation-site.ts';
import { ADMIN_PASSWORD } from './server-env.ts';
import { tabTo } from './support.ts';

test.describe.configure({ mode: 'default' });

let site: ModerationSite;
test.beforeAll(async () => {
  site = await startModerationSite();
});
test.afterAll(async () => {
  await site?.close();
});

const photo = (name: string, uploadedAt: string, caption = name): WaitingPhoto => ({
  name,
  uploader: 'Ana',
  caption,
  uploadedAt,
});
const photos = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) =>
    photo(`${prefix}-${i + 1}.jpg`, `2026-04-29T2${i}:00:00Z`, `${prefix} ${i + 1}`),
  );

const navItem = (page: Page) =>
  page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: /^Moderation/ });
const heading = (page: Page, title: string) => page.getByRole('heading', { name: title });
const card = (page: Page, caption: string) => page.locator('li.photo', { hasText: caption });

test('upload times are shown in the event’s own time zone, with the zone named', async ({
  page,
}) => {
  await site.seed([
    {
      id: 'festival',
      title: 'Summer Festival',
      timezone: 'America/New_York',
      photos: [photo('late.jpg', '2026-04-30T01:14:00Z', 'Late set')],
    },
    {
      id: 'launch',
      title: 'Spring Launch',
      timezone: 'Europe/Berlin',
      photos: [photo('rooftop.jpg', '2026-04-29T19:14:00Z', 'Rooftop')],
    },
  ]);
  await site.logIn(page);
  await page.goto(`${site.url}/admin/moderation`);

  // 01:14 UTC on the 30th is 21:14 on the 29th in New York; 19:14 UTC is 21:14 in Berlin.
  const late = card(page, 'Late set').locator('time');
  await expect(late).toHaveText('29 Apr 2026, 21:14 EDT');
  await expect(late).toHaveAttribute('datetime', '2026-04-30T01:14:00Z');
  await expect(card(page, 'Rooftop').locator('time')).toHaveText('29 Apr 2026, 21:14 CEST');
  await expect(page.locator('section.event[data-event="festival"]')).toContainText(
    "Times in the event's time zone, America/New_York.",
  );
  await expect(page.locator('section.event[data-event="launch"]')).toContainText(
    "Times in the event's time zone, Europe/Berlin.",
  );
  await expect(page.locator('main')).not.toContainText('UTC');
});

test('approving and rejecting bring the event’s "(n waiting)" and the navigation’s count down, with JavaScript and without', async ({
  page,
  browser,
}) => {
  await site.seed([
    { id: 'garden', title: 'Garden Party', timezone: 'UTC', photos: photos(4, 'Garden') },
    {
      id: 'market',
      title: 'Winter Market',
      timezone: 'Europe/Berlin',
      photos: photos(1, 'Market'),
    },
  ]);
  await site.logIn(page);
  await expect(navItem(page), 'the nav counts on every admin page').toHaveText('Moderation (5)');
  await navItem(page).click();
  await expect(page).toHaveURL(`${site.url}/admin/moderation`);
  await expect(navItem(page)).toHaveAttribute('aria-current', 'page');
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (4 waiting)');
  await expect(heading(page, 'Winter Market')).toHaveText('Winter Market (1 waiting)');

  // Approve selected (the form, through JavaScript).
  await card(page, 'Garden 1').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Approve selected' }).first().click();
  await expect(page.locator('#moderation-undo')).toContainText('Approved 1 photo.');
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (3 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (4)');

  // The r and a keys on a focused photo.
  await card(page, 'Garden 2').focus();
  await page.keyboard.press('r');
  await expect(page.locator('#moderation-undo')).toContainText('Rejected 1 photo.');
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (2 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (3)');
  await card(page, 'Garden 3').focus();
  await page.keyboard.press('a');
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (1 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (2)');

  // Undo reloads the page with the photo back, and the counts with it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (2 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (3)');

  // Without JavaScript the form posts, and the page it comes back to has counted again.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  try {
    const noJs = await plain.newPage();
    await site.logIn(noJs);
    await noJs.goto(`${site.url}/admin/moderation`);
    await expect(navItem(noJs)).toHaveText('Moderation (3)');
    await card(noJs, 'Garden 3').getByRole('checkbox').check();
    await card(noJs, 'Garden 4').getByRole('checkbox').check();
    await noJs
      .locator('section.event[data-event="garden"]')
      .getByRole('button', { name: 'Reject selected' })
      .click();
    await expect(noJs).toHaveURL(`${site.url}/admin/moderation?event=garden&done=reject`);
    await expect(noJs.getByRole('status')).toHaveText('Rejected.');
    await expect(heading(noJs, 'Garden Party')).toHaveCount(0);
    await expect(navItem(noJs)).toHaveText('Moderation (1)');
  } finally {
    await plain.close();
  }

  // The last one, with JavaScript: the event's count reaches 0 and the page says none wait.
  await page.reload();
  await expect(navItem(page)).toHaveText('Moderation (1)');
  await card(page, 'Market 1').focus();
  await page.keyboard.press('a');
  await expect(heading(page, 'Winter Market')).toHaveText('Winter Market (0 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (0)');
  await expect(page.getByText('No guest photos are waiting.')).toBeVisible();
});

test('a batch can be moderated with the keyboard only: Tab, Space, Enter, then a and r', async ({
  page,
}) => {
  await site.seed([
    { id: 'garden', title: 'Garden Party', timezone: 'UTC', photos: photos(4, 'Garden') },
  ]);
  // Log in: the password field has the focus.
  await page.goto(`${site.url}/admin/login`);
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${site.url}/admin`);

  // To the moderation page through the navigation.
  await tabTo(page, navItem(page));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${site.url}/admin/moderation`);
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (4 waiting)');

  // Tick the first two photos with Space, then Enter on "Approve selected".
  await tabTo(page, card(page, 'Garden 1').getByRole('checkbox'));
  await page.keyboard.press('Space');
  await tabTo(page, card(page, 'Garden 2').getByRole('checkbox'));
  await page.keyboard.press('Space');
  await expect(card(page, 'Garden 1').getByRole('checkbox')).toBeChecked();
  await expect(card(page, 'Garden 2').getByRole('checkbox')).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Approve selected' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#moderation-undo')).toContainText('Approved 2 photos.');
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (2 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (2)');

  // The focus moves on to the next photo: r rejects it, a approves the one after.
  await expect(card(page, 'Garden 3')).toBeFocused();
  await page.keyboard.press('r');
  await expect(card(page, 'Garden 4')).toBeFocused();
  await page.keyboard.press('a');
  await expect(heading(page, 'Garden Party')).toHaveText('Garden Party (0 waiting)');
  await expect(navItem(page)).toHaveText('Moderation (0)');

  // What the server holds: nothing waits any more.
  await page.reload();
  await expect(page.getByText('No guest photos are waiting.')).toBeVisible();
});
