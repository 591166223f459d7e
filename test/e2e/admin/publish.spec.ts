/**
 * The publishing page, end to end: pick approved guest photos of an event, order them, write a
 * caption with live counts, publish through the emulator and watch the job's progress.
 *
 * Same rules as admin.spec.ts: one worker, in declaration order; `beforeEach` disconnects every
 * account and resets the emulator (which also drops its published posts).
 *
 * Logging in: admin.spec.ts ends by locking 127.0.0.1 out of the login form for 15 minutes, so
 * these tests log in from 127.0.0.3 (the limiter's own bucket for that address) and hand the
 * session cookie to the browser: the page then runs on a real session, with the same-origin
 * checks of cookie-authenticated requests.
 */
import { expect, test, type Locator } from '@playwright/test';
import { assembleCaption, countCharacters } from '../../../integration/publish/prepare/caption.ts';
import { DOCS_TAG, docsScreenshot, regionOf } from '../docs-screenshots.ts';
import { buildGalleryAround, TODAY_EVENT } from './gallery-build.ts';
import {
  chooseEvent,
  chosenNames,
  jobCount,
  logInFromOtherAddress,
  publishedPosts,
} from './publish-support.ts';
import {
  BEARER,
  connectAccount,
  disconnectAll,
  emulator,
  NORTHLIGHT,
  SAME_ORIGIN,
} from './support.ts';
import { SITE_URL } from './server-env.ts';

test.describe.configure({ mode: 'default' });

test.beforeEach(async ({ request }) => {
  await disconnectAll(request);
  await emulator.reset(request);
});

const EVENT = '2026-04-29';

test('publish a carousel of three guest photos, watch it go live, and find it in the next build', {
  tag: DOCS_TAG,
}, async ({ page, context, request }) => {
  test.setTimeout(2_700_000); // the build at the end (a hang guard, not a speed check)
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  await page
    .getByRole('navigation', { name: 'Admin' })
    .getByRole('link', { name: 'Publish' })
    .click();
  await expect(page.getByRole('heading', { name: 'Publish to Instagram', level: 1 })).toBeVisible();

  await page.getByLabel('Account').selectOption(NORTHLIGHT.userId);
  await page.getByLabel('Kind').selectOption('carousel');
  await page.getByLabel(/^Photos outside Instagram's shapes/).selectOption('crop');
  await chooseEvent(page, EVENT);
  for (const name of ['band.jpg', 'collection.jpg', 'confetti.jpg'])
    await page.getByLabel(`Add ${name}`).check();
  await expect(page.locator('legend', { hasText: 'Chosen' })).toHaveText('Chosen (3 of 10)');
  await expect(chosenNames(page)).toHaveText(['band.jpg', 'collection.jpg', 'confetti.jpg']);

  // Reorder with the buttons ("build and publish a carousel with the keyboard alone" uses keys).
  await page.getByRole('button', { name: 'Move down band.jpg' }).click();
  await expect(chosenNames(page)).toHaveText(['collection.jpg', 'band.jpg', 'confetti.jpg']);
  // And with the mouse: drag the last item onto the first.
  await page
    .locator('#chosen li[data-name="confetti.jpg"]')
    .dragTo(page.locator('#chosen li[data-name="collection.jpg"]'));
  await expect(chosenNames(page)).toHaveText(['confetti.jpg', 'collection.jpg', 'band.jpg']);
  await page.getByLabel('Alt text for band.jpg').fill('The band on stage');

  const text = 'Spring Launch at the Kühlhaus, thanks @northlight.events!';
  const hashtags = ['springlaunch', 'berlin'];
  const caption = assembleCaption(text, hashtags);
  await page.getByLabel('Caption', { exact: true }).fill(text);
  await page.getByLabel('Hashtags').fill(hashtags.join(', '));
  const counts = page.locator('#caption-counts');
  await expect(counts).toContainText(`${countCharacters(caption)} / 2200 characters`);
  await expect(counts).toContainText('2 / 30 hashtags');
  await expect(counts).toContainText('1 / 20 mentions');
  await expect(page.locator('#caption-preview')).toHaveText(caption);

  // Slow the emulator's container creation and publish a little, so every phase is on screen for a poll.
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media', delayMs: 1500, times: 4 });
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media_publish', delayMs: 1500 });

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const status = page.locator('#job-status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText(/Creating containers: \d of 5/, { timeout: 30_000 });
  // Mid-job, for the README: the chosen photos, the caption and the job creating its containers
  // (each takes 1.5 s here).
  await docsScreenshot(page, 'admin-publish', {
    fullPage: true,
    clip: await regionOf(page.getByRole('group', { name: /^Chosen/ }), page.locator('#job')),
  });
  await expect(status).toHaveText('Published: 5 of 5', { timeout: 60_000 });
  await expect(page.locator('#job-progress')).toHaveJSProperty('value', 5);
  await expect(page.locator('#job-quota')).toHaveText(
    /^Publishing quota: 0 of \d+ posts used in the last 24 hours \(before this one\)\.$/,
  );

  const published = await publishedPosts(request);
  expect(published).toHaveLength(1);
  const [post] = published;
  expect(post!.mediaType).toBe('CAROUSEL_ALBUM');
  expect(post!.children).toHaveLength(3);
  expect(post!.caption).toBe(caption);

  const view = page.getByRole('link', { name: 'View on Instagram' });
  await expect(view).toHaveAttribute('href', post!.permalink);
  await expect(page.locator('#job-result')).toContainText(`Media id ${post!.id}`);

  // The history lists the job, published, with its permalink.
  const row = page.locator('#history tbody tr').first();
  await expect(row).toContainText('carousel');
  await expect(row).toContainText('Published');
  await expect(row.getByRole('link', { name: 'Permalink' })).toHaveAttribute(
    'href',
    post!.permalink,
  );

  // The next build shows the post in the gallery of an event whose window covers now.
  const gallery = await buildGalleryAround(await emulator.now(request));
  try {
    expect(gallery.code, gallery.output).toBe(0);
    const galleryPage = await context.newPage();
    await galleryPage.goto(`${gallery.url}/g/${TODAY_EVENT}/`);
    const card = galleryPage.locator(`li[data-source="instagram"][data-id="${post!.id}"]`);
    await expect(card).toBeVisible();
    await expect(card.locator('img').first()).toHaveJSProperty('complete', true);
    expect(
      await card
        .locator('img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
  } finally {
    await gallery.close();
  }
});

test('build and publish a carousel with the keyboard alone', async ({ page, context, request }) => {
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  /** Every control Tab stopped on, by its accessible label. */
  const stops: string[] = [];
  const tabTo = async (target: Locator) => {
    for (let presses = 0; presses < 150; presses++) {
      if (await target.evaluate((node) => node === document.activeElement)) return;
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const node = document.activeElement;
          return node?.getAttribute('aria-label') ?? node?.id ?? '';
        }),
      );
    }
    throw new Error(`Tab never reached ${String(target)}`);
  };
  const arrowTo = async (select: Locator, value: string) => {
    await tabTo(select);
    const values = await select
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    for (let presses = 0; presses < values.length; presses++) {
      const at = values.indexOf(await select.inputValue());
      if (at === values.indexOf(value)) return;
      await page.keyboard.press(at < values.indexOf(value) ? 'ArrowDown' : 'ArrowUp');
    }
    await expect(select).toHaveValue(value);
  };

  await arrowTo(page.getByLabel('Kind'), 'carousel');
  await arrowTo(page.getByLabel(/^Photos outside Instagram's shapes/), 'crop');
  await arrowTo(page.getByLabel('Event'), EVENT);
  for (const name of ['band.jpg', 'collection.jpg', 'confetti.jpg']) {
    const box = page.getByLabel(`Add ${name}`);
    await tabTo(box);
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
    await expect(box, 'the keyboard stays on the box').toBeFocused();
  }
  await expect(chosenNames(page)).toHaveText(['band.jpg', 'collection.jpg', 'confetti.jpg']);

  // Move band.jpg to the end: two presses of its Move down, the focus following it; then the
  // focus is on its Move up, as it has no Move down any more.
  await tabTo(page.getByRole('button', { name: 'Move down band.jpg' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Move down band.jpg' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chosenNames(page)).toHaveText(['collection.jpg', 'confetti.jpg', 'band.jpg']);
  await expect(page.getByRole('button', { name: 'Move up band.jpg' })).toBeFocused();

  await tabTo(page.getByLabel('Alt text for band.jpg'));
  await page.keyboard.type('The band on stage');
  await tabTo(page.getByLabel('Caption', { exact: true }));
  await page.keyboard.type('Spring Launch, all by keyboard');

  // From the top of the page to Publish, Tab never stops on a move that cannot happen.
  await page.getByLabel('Kind').focus();
  stops.length = 0;
  await tabTo(page.getByRole('button', { name: 'Publish', exact: true }));
  expect(stops).toEqual(
    expect.arrayContaining([
      'Move down collection.jpg',
      'Move up confetti.jpg',
      'Move up band.jpg',
    ]),
  );
  expect(stops).not.toContain('Move up collection.jpg');
  expect(stops).not.toContain('Move down band.jpg');
  await page.keyboard.press('Enter');

  await expect(page.locator('#job-status')).toHaveText('Published: 5 of 5', { timeout: 60_000 });
  const [post] = await publishedPosts(request);
  expect(post).toMatchObject({
    mediaType: 'CAROUSEL_ALBUM',
    caption: 'Spring Launch, all by keyboard',
  });
  expect(post!.children).toHaveLength(3);
});

test('a caption over 2200 characters is refused with the API message, and nothing is published', async ({
  page,
  context,
  request,
}) => {
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  const jobsBefore = await jobCount(request);

  await page.getByLabel('Kind').selectOption('image');
  await chooseEvent(page, EVENT);
  await page.getByLabel('Add doors.jpg').check();
  await page.getByLabel('Caption', { exact: true }).fill('a'.repeat(2201));
  await expect(page.locator('#caption-counts')).toContainText('2201 / 2200 characters');

  const answer = page.waitForResponse(
    (response) =>
      response.url() === `${SITE_URL}/api/publish` && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const response = await answer;
  expect(response.status()).toBe(400);
  const { error } = (await response.json()) as { error: { message: string } };
  await expect(page.locator('#form-error')).toHaveText(error.message);
  await expect(page.locator('#form-error')).toBeVisible();
  await expect(page.locator('#job')).toBeHidden();

  expect(await jobCount(request)).toBe(jobsBefore);
  expect(await publishedPosts(request)).toEqual([]);
});

test('Publish is disabled while the job runs, the form resets after it, and the same post again is asked about', async ({
  page,
  context,
  request,
}) => {
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  const jobsBefore = await jobCount(request);
  const publishButton = page.getByRole('button', { name: 'Publish', exact: true });
  const caption = page.getByLabel('Caption', { exact: true });
  const compose = async () => {
    await page.getByLabel('Kind').selectOption('image');
    await chooseEvent(page, EVENT);
    await page.getByLabel('Add doors.jpg').check();
    await caption.fill('Doors open at eight');
  };
  await compose();

  // Slow container creation, so the job runs for a while; a double click sends one request.
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media', delayMs: 2000 });
  await publishButton.dblclick();
  await expect(page.locator('#job-status')).toContainText(/Queued|Creating containers/);
  await expect(publishButton).toBeDisabled();
  await expect(page.locator('#job-status')).toHaveText('Published: 2 of 2', { timeout: 30_000 });
  await expect(publishButton).toBeEnabled();
  expect(await jobCount(request)).toBe(jobsBefore + 1);
  expect(await publishedPosts(request)).toHaveLength(1);

  // The form starts afresh: nothing chosen, no caption.
  await expect(chosenNames(page)).toHaveCount(0);
  await expect(caption).toHaveValue('');

  // The same post again: a question first, nothing posted until it is answered.
  await compose();
  await publishButton.click();
  const question = page.getByRole('alertdialog');
  await expect(question).toBeVisible();
  await expect(page.locator('#repeat-question')).toHaveText(
    // In the event's zone (Berlin), labelled.
    /^Published at \d\d:\d\d CES?T\. Publish again\?$/,
  );
  expect(await publishedPosts(request)).toHaveLength(1);
  expect(await jobCount(request)).toBe(jobsBefore + 1);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();

  await publishButton.click();
  await question.getByRole('button', { name: 'Publish again' }).click();
  await expect(page.locator('#job-status')).toHaveText('Published: 2 of 2', { timeout: 30_000 });
  await expect
    .poll(async () => (await publishedPosts(request)).length, { timeout: 10_000 })
    .toBe(2);
  expect(await jobCount(request)).toBe(jobsBefore + 2);
});

test('the API refuses pending and rejected guest photos with a 409 naming them, and gives identical concurrent requests one job', async ({
  page,
  context,
  request,
}) => {
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  const jobsBefore = await jobCount(request);
  const post = (data: Record<string, unknown>) =>
    request.post('/api/publish', {
      headers: { ...BEARER, ...SAME_ORIGIN },
      data: { account: NORTHLIGHT.userId, kind: 'image', fit: 'crop', ...data },
    });
  const nightRun = (name: string) => ({
    source: { type: 'guest', eventId: '2026-03-28-night-run', name },
  });
  for (const [name, status] of [
    ['unreviewed.jpg', 'pending'],
    ['blurry.jpg', 'rejected'],
  ] as const) {
    const refused = await post({ items: [nightRun(name)], idempotencyKey: `refuse-${status}` });
    expect(refused.status(), name).toBe(409);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('guest_photo_not_approved');
    expect(error.message).toContain(`2026-03-28-night-run/${name}, which is ${status}`);
  }
  expect(await jobCount(request)).toBe(jobsBefore);
  expect(await emulator.count(request, 'POST /{ig-user-id}/media_publish')).toBe(0);

  const same = {
    items: [nightRun('sunrise.jpg')],
    caption: 'Concurrent',
    idempotencyKey: 'twin-requests',
  };
  const answers = await Promise.all([post(same), post(same)]);
  expect(answers.map((answer) => answer.status()).sort()).toEqual([200, 202]);
  const ids = await Promise.all(
    answers.map(async (answer) => ((await answer.json()) as { job: { id: string } }).job.id),
  );
  expect(ids[0]).toBe(ids[1]);
  expect(await jobCount(request)).toBe(jobsBefore + 1);
  await expect
    .poll(async () => (await publishedPosts(request)).length, { timeout: 30_000 })
    .toBe(1);
});

test('the sources and thumbnail routes answer approved photos only', async ({ request }) => {
  const sources = await request.get(`/api/publish/sources?event=${EVENT}`, { headers: BEARER });
  expect(sources.status()).toBe(200);
  const body = (await sources.json()) as {
    events: { id: string; title: string }[];
    photos: { name: string }[];
  };
  expect(body.events.some((event) => event.id === EVENT)).toBe(true);
  const names = body.photos.map((photo) => photo.name);
  expect(names).toContain('doors.jpg');
  expect(names, 'a pending photo').not.toContain('waiting.jpg');

  const thumbnail = await request.get(`/api/publish/thumbnail?event=${EVENT}&name=doors.jpg`, {
    headers: BEARER,
  });
  expect(thumbnail.status()).toBe(200);
  expect(thumbnail.headers()['content-type']).toBe('image/webp');
  // A pending photo is not found; a name or event that is not one (a path) is refused as input.
  for (const [query, status] of [
    [`event=${EVENT}&name=waiting.jpg`, 404],
    [`event=${EVENT}&name=..%2F2026-03-28-night-run%2Fmoderation.yaml`, 400],
    [`event=..&name=2026-04-29%2Fdoors.jpg`, 400],
  ] as const) {
    const refused = await request.get(`/api/publish/thumbnail?${query}`, { headers: BEARER });
    expect(refused.status(), query).toBe(status);
  }
  // The demo night run has a pending and a rejected photo: neither is listed nor served.
  const nightRun = await request.get('/api/publish/sources?event=2026-03-28-night-run', {
    headers: BEARER,
  });
  const nightNames = ((await nightRun.json()) as { photos: { name: string }[] }).photos.map(
    (photo) => photo.name,
  );
  expect(nightNames).toContain('start-line.jpg');
  expect(nightNames).not.toContain('unreviewed.jpg');
  expect(nightNames).not.toContain('blurry.jpg');
  for (const name of ['unreviewed.jpg', 'blurry.jpg']) {
    const refused = await request.get(
      `/api/publish/thumbnail?event=2026-03-28-night-run&name=${name}`,
      { headers: BEARER },
    );
    expect(refused.status(), name).toBe(404);
  }
  // Static segments win over /api/publish/[id].
  expect((await request.get('/api/publish/sources', { headers: BEARER })).status()).toBe(200);
  expect((await request.get('/api/publish/sources')).status()).toBe(401);
});
