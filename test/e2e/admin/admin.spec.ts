/**
 * The admin side, end to end: login, connecting Instagram accounts through the emulator's
 * consent page, refresh, disconnect, the OAuth state checks, the access guard, and tokens kept
 * out of the state database and the server's output.
 *
 * Order and isolation. These tests share one server (its store, its in-memory login limiter)
 * and one emulator (counters, clock). So:
 * - the whole file runs in one worker, in declaration order (`mode: 'default'` opts it out of
 *   `fullyParallel`; unlike `serial`, a failure does not skip the tests after it), while the
 *   gallery tests run on the other worker: they never touch the store, the limiter or the
 *   emulator on 4398;
 * - every test starts from a clean state: `beforeEach` disconnects every account (API, bearer
 *   token) and resets the emulator (faults, counters, clock, issued tokens), so no test depends
 *   on what another one left behind;
 * - the rate-limit test is the last one of the file: it locks the client address 127.0.0.1 out
 *   of the login for 15 minutes (the limiter is per address and in memory: nothing else can
 *   reset it but a server restart, which every `playwright test` run does). Nothing after it
 *   logs in. Keep it last; run the suite without --retries/--repeat-each for this file. (The
 *   burst test before it sends from 127.0.0.2, a separate limiter bucket, and locks out no one.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  accountRow,
  adminPages,
  allowOnConsentPage,
  BEARER,
  connectAccount,
  DAY_MS,
  disconnect,
  disconnectAll,
  emulator,
  expectJsonError,
  guardedApiRoutes,
  listAccounts,
  logIn,
  NORTHLIGHT,
  openConsentPage,
  OTHERVENUE,
  ROOT,
  SAME_ORIGIN,
  seedAccount,
  tabTo,
  tokenStatuses,
  TOKEN_PREFIX,
  tryLogIn,
} from './support.ts';
import { ADMIN_PASSWORD, SERVER_LOG, SITE_URL, STATE_DB_PATH } from './server-env.ts';

test.describe.configure({ mode: 'default' });

test.beforeEach(async ({ request }) => {
  await disconnectAll(request);
  await emulator.reset(request);
});

const REFRESH_ROUTE = 'GET /refresh_access_token';
const CODE_EXCHANGE_ROUTE = 'POST /oauth/access_token';

/** How /admin prints a date and time. */
function adminDate(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}

/** How /admin's notices write a date in a sentence: "5 February 2027". */
function sentenceDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

test.describe('Admin login', () => {
  test('the password logs in with a fresh httpOnly session; a wrong one shows an error and does not; logging out ends it', async ({
    page,
    context,
  }) => {
    // A session id the visitor had before logging in (e.g. planted by someone else) must not become the admin session.
    await context.addCookies([{ name: 'ais_admin', value: 'planted-session-id', url: SITE_URL }]);

    await page.goto('/admin');
    await expect(page).toHaveURL(`${SITE_URL}/admin/login?next=%2Fadmin`);
    await page.getByLabel('Password').fill('not-the-admin-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${SITE_URL}/admin/login?error=invalid&next=%2Fadmin`);
    await expect(page.getByRole('alert')).toHaveText('Wrong password.');
    await page.goto('/admin');
    await expect(page, 'a wrong password does not log in').toHaveURL(
      `${SITE_URL}/admin/login?next=%2Fadmin`,
    );
    expect((await page.request.get('/api/instagram/accounts')).status()).toBe(401);

    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${SITE_URL}/admin`);
    await expect(page.getByRole('heading', { name: 'Instagram accounts' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const cookie = (await context.cookies(SITE_URL)).find((c) => c.name === 'ais_admin');
    expect(cookie, 'the session cookie').toBeDefined();
    expect(cookie!.value, 'a new session id on login').not.toBe('planted-session-id');
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(
      (await page.request.get('/api/instagram/accounts')).status(),
      'the session works on the API',
    ).toBe(200);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(`${SITE_URL}/admin/login?notice=logged_out`);
    await expect(page.getByText('You are logged out.')).toBeVisible();
    await page.goto('/admin');
    await expect(page).toHaveURL(`${SITE_URL}/admin/login?next=%2Fadmin`);
    expect((await page.request.get('/api/instagram/accounts')).status()).toBe(401);
    // The old session id is dead on the server too, not only forgotten by the browser.
    await context.addCookies([{ ...cookie!, expires: -1 }]);
    expect(
      (await page.request.get('/api/instagram/accounts')).status(),
      'the logged-out session id is refused',
    ).toBe(401);
  });

  test('logging in never sends the browser to another site, whatever `next` says', async ({
    page,
  }) => {
    for (const next of [
      'https://evil.example/admin',
      '//evil.example/admin',
      '/\\evil.example/admin',
    ]) {
      await page.context().clearCookies();
      await page.goto(`/admin/login?${new URLSearchParams({ next })}`);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page, `next=${next}`).toHaveURL(`${SITE_URL}/admin`);
    }
  });
});

test.describe('Connecting Instagram accounts', () => {
  test('an account connected through the consent page is listed as healthy with a 60-day token; a second one too; the API lists both without tokens', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await expect(page.getByText('No account is connected yet.')).toBeVisible();

    const before = Date.now();
    await connectAccount(page, NORTHLIGHT);
    const after = Date.now();
    const row = accountRow(page, NORTHLIGHT);
    await expect(row.locator('td').first()).toContainText(`@${NORTHLIGHT.username}`);
    await expect(row.locator('td').first()).toContainText(NORTHLIGHT.userId);
    await expect(row).toHaveAttribute('data-health', 'healthy');
    await expect(row.locator('td.health')).toContainText('Healthy');

    const [status] = await tokenStatuses(request);
    expect(status).toMatchObject({
      userId: NORTHLIGHT.userId,
      username: NORTHLIGHT.username,
      health: 'healthy',
    });
    const expiresAt = Date.parse(status!.expiresAt!);
    expect(expiresAt, 'expires 60 days after connecting').toBeGreaterThanOrEqual(
      before + 60 * DAY_MS - 1000,
    );
    expect(expiresAt).toBeLessThanOrEqual(after + 60 * DAY_MS + 1000);
    const expiryCell = row.locator('td').nth(2);
    await expect(expiryCell).toContainText(adminDate(status!.expiresAt!));
    await expect(expiryCell).toContainText(/(^|\D)(59|60) days left/);

    await connectAccount(page, OTHERVENUE);
    await expect(page.locator('table.accounts tbody tr')).toHaveCount(2);
    await expect(accountRow(page, NORTHLIGHT)).toHaveAttribute('data-health', 'healthy');
    await expect(accountRow(page, OTHERVENUE)).toHaveAttribute('data-health', 'healthy');
    await expect(accountRow(page, OTHERVENUE).locator('td').first()).toContainText(
      `@${OTHERVENUE.username}`,
    );

    const response = await request.get('/api/instagram/accounts', { headers: BEARER });
    expect(response.status()).toBe(200);
    const text = await response.text();
    const { accounts } = JSON.parse(text) as { accounts: Record<string, unknown>[] };
    expect(accounts.map((a) => [a.userId, a.username]).sort()).toEqual([
      [NORTHLIGHT.userId, NORTHLIGHT.username],
      [OTHERVENUE.userId, OTHERVENUE.username],
    ]);
    for (const account of accounts)
      expect(Object.keys(account), `${account.username} has no token field`).not.toContain('token');
    expect(text).not.toContain(TOKEN_PREFIX);
    expect(
      await (await request.get('/api/instagram/token/status', { headers: BEARER })).text(),
    ).not.toContain(TOKEN_PREFIX);
  });

  test('Connect with Facebook: the Facebook dialog, pick the Page, Allow: the account is listed with Facebook Login and a Page token that does not expire', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await page.getByRole('link', { name: 'Connect with Facebook' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/facebook/v26.0/dialog/oauth');
    await expect(page.getByRole('heading', { name: /Facebook Pages/ })).toBeVisible();
    await page.getByRole('radio', { name: /othervenue/ }).check();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL(new RegExp(`^${SITE_URL}/admin(#_=_)?$`));
    await expect(page.getByRole('status')).toHaveText('Connected @othervenue with Facebook Login.');
    const row = accountRow(page, OTHERVENUE);
    await expect(row).toHaveAttribute('data-health', 'healthy');
    await expect(row.locator('td').first()).toContainText('Facebook Login');
    await expect(row.locator('td.actions')).toContainText('a Page token does not expire');
    const [status] = await tokenStatuses(request);
    expect(status).toMatchObject({ expiresAt: null, refreshBlockedBy: 'page_token' });
    // Found through Page discovery on graph.facebook.com, not the Instagram Login routes.
    expect(await emulator.count(request, 'GET /me/accounts')).toBe(1);
    expect(await emulator.count(request, CODE_EXCHANGE_ROUTE)).toBe(0);
    // No Facebook token (EAA…) in an answer or in the server's output.
    const facebookToken = /EAA[A-Za-z0-9]{20}/;
    const listed = await request.get('/api/instagram/accounts', { headers: BEARER });
    expect(await listed.text()).not.toMatch(facebookToken);
    expect(readFileSync(SERVER_LOG, 'utf8')).not.toMatch(facebookToken);
  });

  test('Deny on the consent page comes back with a "cancelled" notice and connects nothing', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await openConsentPage(page);
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page).toHaveURL(new RegExp(`^${SITE_URL}/admin(#_)?$`));
    await expect(page.getByRole('status')).toHaveText(
      'Instagram connection cancelled: nothing was connected.',
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText('No account is connected yet.')).toBeVisible();
    expect(await listAccounts(request)).toEqual([]);
    expect(await emulator.count(request, CODE_EXCHANGE_ROUTE), 'no code was exchanged').toBe(0);
  });
});

test.describe('Refreshing and disconnecting', () => {
  test('Refresh on a just-connected account is off with the 24-hour rule as its reason, and the server refuses before asking Instagram even when Instagram would agree', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await connectAccount(page, NORTHLIGHT);
    const [before] = await tokenStatuses(request);
    expect(before!.refreshBlockedBy).toBe('too_new');
    const button = accountRow(page, NORTHLIGHT).getByRole('button', { name: 'Refresh' });
    await expect(button, 'Instagram would refuse: the button is off').toBeDisabled();
    await expect(button).toHaveAccessibleDescription(
      `Instagram refreshes a token once it is 24 hours old: from ${adminDate(before!.refreshableFrom!)}.`,
    );
    expect(Date.parse(before!.refreshableFrom!)).toBeGreaterThan(Date.now());

    // On the emulator's clock the token is now 2 days old: Instagram would refresh it. The
    // server's clock is not the emulator's, so the server still sees a token under 24 hours.
    await emulator.advanceClock(request, 2 * 86_400);
    expect(await emulator.now(request)).toBeGreaterThan(Date.now() + 2 * DAY_MS - 60_000);

    const one = await expectJsonError(
      await request.post('/api/instagram/token/refresh', {
        headers: BEARER,
        data: { account: NORTHLIGHT.userId },
      }),
      409,
      'too_new',
    );
    expect(one.message).toContain(`The token of @${NORTHLIGHT.username} is less than 24 hours old`);
    await expectJsonError(
      await request.post('/api/instagram/token/refresh', { headers: BEARER, data: {} }),
      409,
      'too_new',
    );
    const ifDue = await request.post('/api/instagram/token/refresh', {
      headers: BEARER,
      data: { if_due: 1 },
    });
    expect(ifDue.status(), await ifDue.text()).toBe(200);
    expect(await ifDue.json()).toEqual({
      results: [
        {
          userId: NORTHLIGHT.userId,
          refreshed: false,
          skipped: 'not_due',
          expiresAt: before!.expiresAt,
        },
      ],
    });

    expect(
      await emulator.count(request, REFRESH_ROUTE),
      'the server refused before calling Instagram',
    ).toBe(0);
    const [after] = await tokenStatuses(request);
    expect(after).toMatchObject({ expiresAt: before!.expiresAt, lastRefresh: null });
  });

  test('Refresh on a token that is due gets a new 60-day token through Instagram', async ({
    page,
    request,
  }) => {
    // An account connected 55 days ago: its token (issued by the emulator that long ago on both
    // clocks) has 5 days left, within IG_REFRESH_LEAD_DAYS.
    await seedAccount(request, NORTHLIGHT, {
      issuedAt: Date.now() - 55 * DAY_MS,
      expiresAt: Date.now() + 5 * DAY_MS,
    });

    await logIn(page);
    const row = accountRow(page, NORTHLIGHT);
    await expect(row.locator('td.health')).toContainText('Refresh due');
    const button = row.getByRole('button', { name: 'Refresh' });
    await expect(button, 'a 55-day-old token can be refreshed').toBeEnabled();
    await button.click();
    await expect(row.locator('td.health')).toContainText('Healthy');
    await expect(row).toContainText(/60 days left/);
    expect(await emulator.count(request, REFRESH_ROUTE)).toBe(1);
    const [status] = await tokenStatuses(request);
    expect(status).toMatchObject({ health: 'healthy', daysLeft: 60, refreshDue: false });
    expect(status!.lastRefresh).not.toBeNull();
    const notice = page.getByRole('status');
    await expect(notice).toHaveText(
      `Refreshed @${NORTHLIGHT.username}: the token now expires on ${sentenceDate(status!.expiresAt!)}.`,
    );
    await expect(notice, 'a green notice').toHaveCSS('background-color', 'rgb(228, 245, 234)');
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The new token is under 24 hours old: the button says so and waits.
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(
      `Instagram refreshes a token once it is 24 hours old: from ${adminDate(new Date(Date.parse(status!.lastRefresh!) + DAY_MS).toISOString())}.`,
    );
  });

  test('Refresh from a page gone stale (the token was refreshed since) is a plain no-op notice, not an error', async ({
    page,
    request,
  }) => {
    await seedAccount(request, NORTHLIGHT, {
      issuedAt: Date.now() - 2 * DAY_MS,
      expiresAt: Date.now() + 58 * DAY_MS,
    });
    await logIn(page);
    const row = accountRow(page, NORTHLIGHT);
    const button = row.getByRole('button', { name: 'Refresh' });
    await expect(button, 'a 2-day-old token can be refreshed').toBeEnabled();
    await expect(row.locator('.reason')).toHaveCount(0);

    // Meanwhile the token is refreshed elsewhere (the API, another admin, the daily check).
    const elsewhere = await request.post('/api/instagram/token/refresh', {
      headers: BEARER,
      data: { account: NORTHLIGHT.userId },
    });
    expect(elsewhere.status(), await elsewhere.text()).toBe(200);
    const [status] = await tokenStatuses(request);

    await button.click();
    const notice = page.getByRole('status');
    await expect(notice).toHaveText(
      `Nothing to refresh yet: the token of @${NORTHLIGHT.username} is less than 24 hours old, and Instagram refreshes it from ${adminDate(status!.refreshableFrom!)}. It is valid until ${sentenceDate(status!.expiresAt!)}.`,
    );
    await expect(notice).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
    await expect(notice, 'not red').toHaveCSS('background-color', 'rgb(232, 238, 251)');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await emulator.count(request, REFRESH_ROUTE), 'only the refresh elsewhere').toBe(1);
  });

  test('a token can be refreshed with the keyboard only; the refreshed one then drops out of the Tab order', async ({
    page,
    request,
  }) => {
    await seedAccount(request, NORTHLIGHT, {
      issuedAt: Date.now() - 30 * DAY_MS,
      expiresAt: Date.now() + 30 * DAY_MS,
    });
    await logIn(page);
    await page.goto('/admin');
    const button = accountRow(page, NORTHLIGHT).getByRole('button', { name: 'Refresh' });
    await tabTo(page, button);
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText(`Refreshed @${NORTHLIGHT.username}`);
    const [status] = await tokenStatuses(request);
    await expect(page.getByRole('status')).toHaveText(
      `Refreshed @${NORTHLIGHT.username}: the token now expires on ${sentenceDate(status!.expiresAt!)}.`,
    );
    expect(status!.lastRefresh).not.toBeNull();
    expect(await emulator.count(request, REFRESH_ROUTE)).toBe(1);

    // Disabled now (the new token is under 24 hours old): Tab goes from the nav to Disconnect.
    await expect(button).toBeDisabled();
    await tabTo(page, accountRow(page, NORTHLIGHT).getByRole('button', { name: 'Disconnect' }));
  });

  test('Disconnect removes the account from the page and from the API', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await connectAccount(page, NORTHLIGHT);
    await connectAccount(page, OTHERVENUE);

    await accountRow(page, NORTHLIGHT).getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByRole('status')).toHaveText('Account disconnected.');
    await expect(accountRow(page, NORTHLIGHT)).toHaveCount(0);
    await expect(accountRow(page, OTHERVENUE)).toHaveCount(1);
    expect((await listAccounts(request)).map((a) => a.userId)).toEqual([OTHERVENUE.userId]);
    expect((await tokenStatuses(request)).map((a) => a.userId)).toEqual([OTHERVENUE.userId]);
    await expectJsonError(await disconnect(request, NORTHLIGHT.userId), 404, 'not_found');

    await accountRow(page, OTHERVENUE).getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByRole('status')).toHaveText('Account disconnected.');
    await expect(page.getByText('No account is connected yet.')).toBeVisible();
    expect(await listAccounts(request)).toEqual([]);

    // The token went with it: there is nothing left to refresh.
    await expectJsonError(
      await request.post('/api/instagram/token/refresh', {
        headers: BEARER,
        data: { account: NORTHLIGHT.userId },
      }),
      404,
      'not_found',
    );
    await expectJsonError(
      await request.post('/api/instagram/token/refresh', { headers: BEARER, data: {} }),
      404,
      'no_accounts',
    );
  });
});

test.describe('The OAuth state', () => {
  test("a callback with a tampered, malformed, missing or another session's state is refused and connects nothing", async ({
    page,
    browser,
    request,
  }) => {
    await logIn(page);
    const flip = (text: string) => `${text.slice(0, -1)}${text.endsWith('A') ? 'B' : 'A'}`;

    // Another logged-in admin session asks for its own state.
    const other = await browser.newContext({ baseURL: SITE_URL });
    const otherPage = await other.newPage();
    await logIn(otherPage);
    const otherState = await openConsentPage(otherPage);
    await other.close();

    const cases: { name: string; state: (real: string) => string | null; says: string }[] = [
      {
        name: 'signature changed',
        state: (real) => flip(real),
        says: 'altered or belongs to another session',
      },
      {
        name: 'expiry moved',
        state: (real) =>
          real.replace(/\.(\d+)\./, (_, expiry: string) => `.${Number(expiry) + 3_600_000}.`),
        says: 'altered or belongs to another session',
      },
      {
        name: 'nonce changed',
        state: (real) => `x${real}`,
        says: 'altered or belongs to another session',
      },
      {
        name: "another session's state",
        state: () => otherState,
        says: 'altered or belongs to another session',
      },
      { name: 'malformed', state: () => 'not-a-state', says: 'not one this site made' },
      { name: 'missing', state: () => null, says: 'has no state' },
    ];
    for (const { name, state, says } of cases) {
      const real = await openConsentPage(page);
      const forged = state(real);
      expect(forged, name).not.toBe(real);
      const query = new URLSearchParams({ code: 'x', ...(forged !== null && { state: forged }) });
      const response = await page.goto(`/api/instagram/oauth/callback?${query}`);
      expect(response?.status(), name).toBe(400);
      await expect(page.getByRole('heading', { name: 'Connection refused' }), name).toBeVisible();
      await expect(page.locator('body'), name).toContainText(says);
      await expect(page.locator('body'), name).toContainText('Nothing was connected');
    }

    // The refused callback used the pending state up: the real consent can no longer complete.
    await openConsentPage(page);
    const real = page.url();
    await page.goto(
      `/api/instagram/oauth/callback?code=x&state=${encodeURIComponent(flip(new URL(real).searchParams.get('state')!))}`,
    );
    await page.goto(real);
    await allowOnConsentPage(page, NORTHLIGHT);
    await expect(page.getByRole('heading', { name: 'Connection refused' })).toBeVisible();
    await expect(page.locator('body')).toContainText('already completed or cancelled');

    expect(await listAccounts(request)).toEqual([]);
    expect(await emulator.count(request, CODE_EXCHANGE_ROUTE), 'no code was exchanged').toBe(0);
  });

  test('replaying the callback of a completed connection is refused', async ({ page, request }) => {
    await logIn(page);
    const callbackUrl = await connectAccount(page, NORTHLIGHT);
    const exchanges = await emulator.count(request, CODE_EXCHANGE_ROUTE);
    expect(exchanges).toBe(1);
    const connected = await listAccounts(request);

    const replay = await page.goto(callbackUrl);
    expect(replay?.status()).toBe(400);
    await expect(page.getByRole('heading', { name: 'Connection refused' })).toBeVisible();
    await expect(page.locator('body')).toContainText('already completed or cancelled');

    // Also while another connection is pending: its state is not this one.
    await openConsentPage(page);
    const again = await page.goto(callbackUrl);
    expect(again?.status()).toBe(400);
    await expect(page.getByRole('heading', { name: 'Connection refused' })).toBeVisible();

    expect(
      await emulator.count(request, CODE_EXCHANGE_ROUTE),
      'the replayed code was not exchanged again',
    ).toBe(exchanges);
    expect(await listAccounts(request)).toEqual(connected);
  });
});

test.describe('Access to the admin', () => {
  test('every admin API route answers 401 JSON without credentials, and with a wrong bearer token', async ({
    request,
  }) => {
    const routes = guardedApiRoutes();
    expect(routes.length, 'routes from SERVER_ROUTES').toBeGreaterThanOrEqual(7);
    for (const { path, method } of routes) {
      // Sent as from the site itself, so the cross-site check lets it through to the login check.
      const anonymous = await request.fetch(path, {
        method,
        headers: SAME_ORIGIN,
        maxRedirects: 0,
      });
      await expectJsonError(anonymous, 401, 'unauthenticated');
      expect(anonymous.headers()['www-authenticate'], `${method} ${path}`).toBe('Bearer');

      const wrongToken = await request.fetch(path, {
        method,
        headers: { ...SAME_ORIGIN, authorization: 'Bearer not-the-admin-api-token' },
        maxRedirects: 0,
      });
      await expectJsonError(wrongToken, 401, 'unauthenticated');
      const otherScheme = await request.fetch(path, {
        method,
        headers: {
          ...SAME_ORIGIN,
          authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`,
        },
        maxRedirects: 0,
      });
      await expectJsonError(otherScheme, 401, 'unauthenticated');
    }
  });

  test('other spellings of the guarded paths are guarded too', async ({ request }) => {
    const api = [
      '/api/instagram/accounts/',
      '/%61pi/instagram/accounts',
      '/api/%69nstagram/accounts',
      '/api/instagram//accounts',
      '/api//instagram/token/status',
      '/API/instagram/accounts',
      '/api/instagram/accounts%2F',
    ];
    const pages = ['/admin/', '/%61dmin', '/Admin', '/ADMIN/', '/admin/index', '/admin%2F'];
    for (const path of [...api, ...pages]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const status = response.status();
      // Either not a route at all (404), or refused: never the admin's data.
      expect([401, 303, 404], `GET ${path} answered ${status}`).toContain(status);
      if (status === 401) await expectJsonError(response, 401, 'unauthenticated');
      if (status === 303)
        expect(response.headers().location, `GET ${path}`).toMatch(/^\/admin\/login\?next=/);
      expect(await response.text(), `GET ${path}`).not.toContain('"accounts"');
    }
  });

  test('the right bearer token gets past the guard on every admin API route', async ({
    request,
  }) => {
    // With no account connected, none of these changes anything that lasts.
    for (const { path, method } of guardedApiRoutes()) {
      const response = await request.fetch(path, {
        method,
        headers: { ...BEARER, ...SAME_ORIGIN },
        maxRedirects: 0,
      });
      expect(
        [401, 403],
        `${method} ${path} answered ${response.status()}: ${await response.text()}`,
      ).not.toContain(response.status());
    }
  });

  test('every admin page redirects to the login page without a session, and back after logging in', async ({
    page,
    request,
  }) => {
    const pages = adminPages();
    expect(pages, 'pages from src/pages/admin/').toContain('/admin');
    for (const path of pages) {
      for (const url of [path, `${path}/`]) {
        const response = await request.get(url, { maxRedirects: 0 });
        expect(response.status(), `GET ${url}`).toBe(303);
        expect(response.headers().location, `GET ${url}`).toBe(
          `/admin/login?${new URLSearchParams({ next: url })}`,
        );
        expect(await response.text(), `GET ${url} shows nothing`).toBe('');
      }
      const wrongToken = await request.get(path, {
        maxRedirects: 0,
        headers: { authorization: 'Bearer not-the-admin-api-token' },
      });
      expect(wrongToken.status(), `GET ${path} with a wrong token`).toBe(303);
    }
    expect((await request.get('/admin/login')).status(), 'the login page itself is open').toBe(200);

    await page.goto('/admin');
    await expect(page).toHaveURL(`${SITE_URL}/admin/login?next=%2Fadmin`);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${SITE_URL}/admin`);
  });

  test('cross-site state-changing requests with a logged-in session are refused with 403 and change nothing', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await connectAccount(page, NORTHLIGHT);
    const evil = { origin: 'https://evil.example' };
    const account = `/api/instagram/accounts/${NORTHLIGHT.userId}`;

    const attempts = [
      {
        what: 'refresh, JSON',
        send: () =>
          page.request.post('/api/instagram/token/refresh', {
            headers: evil,
            data: { account: NORTHLIGHT.userId },
          }),
      },
      {
        what: 'refresh, form',
        send: () =>
          page.request.post('/api/instagram/token/refresh', {
            headers: evil,
            form: { account: NORTHLIGHT.userId },
          }),
      },
      { what: 'disconnect, DELETE', send: () => page.request.delete(account, { headers: evil }) },
      {
        what: 'disconnect, form',
        send: () => page.request.post(account, { headers: evil, form: { _method: 'DELETE' } }),
      },
      { what: 'log out', send: () => page.request.post('/api/admin/logout', { headers: evil }) },
      {
        what: 'no Origin, Sec-Fetch-Site: cross-site',
        send: () =>
          page.request.post('/api/instagram/token/refresh', {
            headers: { 'sec-fetch-site': 'cross-site' },
            data: {},
          }),
      },
    ];
    for (const { what, send } of attempts) {
      const response = await send();
      expect(response.status(), `${what}: ${await response.text()}`).toBe(403);
    }
    // Where the request reaches the app's own check, the answer has the API's error shape.
    await expectJsonError(await attempts[0]!.send(), 403, 'cross_site');

    // The same from a real page on another site: a form that posts itself.
    await page.route('https://evil.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><form id="f" method="post" action="${SITE_URL}${account}"><input name="_method" value="DELETE"></form><script>document.getElementById('f').submit()</script>`,
      }),
    );
    const answer = page.waitForResponse((response) => response.url() === `${SITE_URL}${account}`);
    await page.goto('https://evil.example/');
    // SameSite=Lax keeps the session cookie off a cross-site POST: refused as unauthenticated.
    expect((await answer).status()).toBe(401);

    expect(
      (await listAccounts(request)).map((a) => a.userId),
      'still connected',
    ).toEqual([NORTHLIGHT.userId]);
    expect(await emulator.count(request, REFRESH_ROUTE)).toBe(0);
    expect((await page.request.get('/api/instagram/accounts')).status(), 'still logged in').toBe(
      200,
    );
  });

  test('a CI client with the bearer token can refresh and disconnect without sending an Origin header', async ({
    page,
    request,
  }) => {
    await logIn(page);
    await connectAccount(page, NORTHLIGHT);
    // As `curl -X POST -H "Authorization: Bearer …"` sends them: no Origin, no Sec-Fetch-Site.
    await expectJsonError(
      await request.post('/api/instagram/token/refresh', {
        headers: BEARER,
        form: { account: NORTHLIGHT.userId },
      }),
      409,
      'too_new',
    );
    await expectJsonError(
      await request.post('/api/instagram/token/refresh', { headers: BEARER }),
      409,
      'too_new',
    );
    const gone = await request.delete(`/api/instagram/accounts/${NORTHLIGHT.userId}`, {
      headers: BEARER,
    });
    expect(gone.status(), await gone.text()).toBe(200);
    expect(await gone.json()).toEqual({ disconnected: NORTHLIGHT.userId });
    expect(await listAccounts(request)).toEqual([]);
  });
});

test.describe('Tokens stay secret', () => {
  test('the state database holds the connected accounts but no token', async ({ page }) => {
    await logIn(page);
    await connectAccount(page, NORTHLIGHT);
    await connectAccount(page, OTHERVENUE);

    const db = join(ROOT, STATE_DB_PATH);
    const files = [db, `${db}-wal`, `${db}-shm`].filter((file) => existsSync(file));
    expect(files, 'the state database exists where STATE_DB_PATH says').toContain(db);
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    expect(
      bytes.includes(NORTHLIGHT.username),
      'the file holds the accounts (the right file was read)',
    ).toBe(true);
    expect(bytes.includes(OTHERVENUE.username)).toBe(true);
    for (const file of files)
      expect(readFileSync(file).includes(TOKEN_PREFIX), `${file} holds no token`).toBe(false);

    // Nor the session store (Astro's fs sessions under node_modules/.astro/sessions).
    const sessions = join(ROOT, 'node_modules/.astro/sessions');
    const sessionFiles = existsSync(sessions) ? walk(sessions) : [];
    for (const file of sessionFiles)
      expect(readFileSync(file).includes(TOKEN_PREFIX), `${file} holds no token`).toBe(false);
  });

  test('the server output holds no token, also when connecting fails after Instagram issued one', async ({
    page,
    request,
  }) => {
    const log = join(ROOT, SERVER_LOG);
    await logIn(page);
    await connectAccount(page, NORTHLIGHT);
    // A refresh attempt (refused as too new: the refresh test checks what it says). The page's
    // button is off for a token this young, so through the API.
    await expectJsonError(
      await request.post('/api/instagram/token/refresh', {
        headers: BEARER,
        data: { account: NORTHLIGHT.userId },
      }),
      409,
      'too_new',
    );

    // The code exchange gave a short-lived token, then the long-lived exchange breaks off: the
    // server logs the failure while it holds a token.
    await emulator.addFault(request, { route: 'GET /access_token', body: 'truncated' });
    await openConsentPage(page);
    await allowOnConsentPage(page, OTHERVENUE);
    await expect(page.getByRole('alert')).toContainText('Connecting the account failed');
    expect(page.url()).not.toContain(TOKEN_PREFIX);
    expect(await page.content()).not.toContain(TOKEN_PREFIX);
    // Instagram answers the long-lived exchange with an error.
    await emulator.addFault(request, { route: 'GET /access_token', status: 500 });
    await openConsentPage(page);
    await allowOnConsentPage(page, OTHERVENUE);
    await expect(page.getByRole('alert')).toContainText('Connecting the account failed');
    expect(await page.content()).not.toContain(TOKEN_PREFIX);
    expect((await listAccounts(request)).map((a) => a.userId)).toEqual([NORTHLIGHT.userId]);

    await expect
      .poll(
        () =>
          existsSync(log)
            ? (readFileSync(log, 'utf8').match(/connecting an account failed/g)?.length ?? 0)
            : 0,
        {
          message: 'the failures reached the log',
        },
      )
      .toBeGreaterThanOrEqual(2);
    const output = readFileSync(log, 'utf8');
    expect(output, "the log is the server's").toContain('[astro-instagram-sync] state in');
    expect(output).not.toContain(TOKEN_PREFIX);
  });
});

test.describe('Login rate limit', () => {
  test('wrong passwords sent all at once are not all checked: at most 5 per address, then refused', async () => {
    // From 127.0.0.2: its own limiter bucket, so the browser's 127.0.0.1 is not locked out.
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, n) => postLogin('127.0.0.2', `wrong-password-${n}`)),
    );
    const checked = statuses.filter((status) => status === 401).length;
    expect(
      statuses.every((status) => status === 401 || status === 429),
      statuses.join(','),
    ).toBe(true);
    expect(
      checked,
      `passwords checked in one burst (answers: ${statuses.join(',')})`,
    ).toBeLessThanOrEqual(5);
    expect(await postLogin('127.0.0.2', ADMIN_PASSWORD), 'the right password after the burst').toBe(
      429,
    );
  });

  // Keep last: it locks 127.0.0.1 out of the login for the rest of this server's life (15 min).
  test('after 5 wrong passwords the 6th attempt is refused, even with the right password', async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext({ baseURL: SITE_URL });
    const page = await context.newPage();
    await logIn(page); // a successful login clears earlier failures: start from none
    await context.clearCookies();

    for (let attempt = 1; attempt <= 5; attempt++) {
      await tryLogIn(page, `wrong-password-${attempt}`);
      await expect(page, `attempt ${attempt}`).toHaveURL(
        `${SITE_URL}/admin/login?error=invalid&next=%2Fadmin`,
      );
      await expect(page.getByRole('alert')).toHaveText('Wrong password.');
    }
    await tryLogIn(page, ADMIN_PASSWORD);
    await expect(page).toHaveURL(/\/admin\/login\?error=rate_limited&retry=\d+$/);
    const retry = Number(new URL(page.url()).searchParams.get('retry'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    await expect(page.getByRole('alert')).toHaveText(
      `Too many failed attempts. Try again in ${retry} seconds.`,
    );
    await page.goto('/admin');
    await expect(page, 'not logged in').toHaveURL(`${SITE_URL}/admin/login?next=%2Fadmin`);
    expect((await context.request.get('/api/instagram/accounts')).status()).toBe(401);
    await context.close();

    // The API says so too, and a made-up X-Forwarded-For does not make another client.
    const api = await request.post('/api/admin/login', {
      headers: { ...SAME_ORIGIN, 'x-forwarded-for': '203.0.113.7' },
      form: { password: ADMIN_PASSWORD },
    });
    await expectJsonError(api, 429, 'rate_limited');
    expect(Number(api.headers()['retry-after'])).toBeGreaterThan(0);
    expect(api.headers()['set-cookie'] ?? '').not.toContain('ais_admin');
  });
});

/** POST /api/admin/login from a chosen loopback address (a client the limiter tells apart); the status. */
function postLogin(localAddress: string, password: string): Promise<number> {
  const body = new URLSearchParams({ password }).toString();
  const site = new URL(SITE_URL);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: site.hostname,
        port: site.port,
        path: '/api/admin/login',
        method: 'POST',
        localAddress,
        agent: false,
        headers: {
          origin: SITE_URL,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
