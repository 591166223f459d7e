/**
 * Helpers for the admin tests: logging in through the form, connecting an account through the
 * emulator's consent page, the admin API with the bearer token, and the emulator's control API.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type APIRequestContext,
  type APIResponse,
  expect,
  type Locator,
  type Page,
  type Request,
} from '@playwright/test';
import { SERVER_ROUTES } from '../../../integration/server/routes.ts';
import { loadTokenKeys, openSqliteStore, TokenCipher } from '../../../integration/store/index.ts';
import { ROOT } from '../support.ts';
import {
  ADMIN_API_TOKEN,
  ADMIN_PASSWORD,
  EMULATOR_URL,
  SERVER_ENV,
  SITE_URL,
  STATE_DB_PATH,
} from './server-env.ts';

export { ROOT };

/** The emulator's demo seed accounts, in the order of its consent page. */
export const NORTHLIGHT = { userId: '17841400000000001', username: 'northlight.events' } as const;
export const OTHERVENUE = { userId: '17841400000000002', username: 'othervenue' } as const;
export type SeedAccount = typeof NORTHLIGHT | typeof OTHERVENUE;

export const BEARER = { authorization: `Bearer ${ADMIN_API_TOKEN}` };
/**
 * What a request from the site itself carries. The bearer helpers send it too, because Astro's
 * own origin check refuses a body-less POST or DELETE without it (see the test "A CI client…").
 */
export const SAME_ORIGIN = { origin: SITE_URL };

/** Instagram user tokens (and every token the emulator issues) start with this. */
export const TOKEN_PREFIX = 'IGAA';

const DAY_MS = 86_400_000;
export { DAY_MS };

// ---------------------------------------------------------------- the app's own route lists

export interface GuardedRoute {
  path: string;
  method: string;
}

/** Every injected API route but the public login, with each of its methods (`[id]` filled in). */
export function guardedApiRoutes(): GuardedRoute[] {
  return SERVER_ROUTES.filter((route) => !('public' in route && route.public)).flatMap((route) =>
    route.methods.map((method) => ({
      path: route.pattern.replace(/\[[^\]]+\]/g, NORTHLIGHT.userId),
      method,
    })),
  );
}

/** The demo event the admin pages of one event (/admin/events/[event]/…) are checked with. */
export const DEMO_EVENT = '2026-04-29';

/** Every admin page: the `.astro` files under src/pages/admin/ but the login page, as URL paths. */
export function adminPages(dir = join(ROOT, 'src/pages/admin')): string[] {
  const base = join(ROOT, 'src/pages');
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return adminPages(path);
      if (!entry.name.endsWith('.astro')) return [];
      const route = `/${relative(base, path)
        .replace(/\.astro$/, '')
        .replace(/(^|\/)index$/, '')}`;
      // An event page is checked with a demo event; any other parameter with a placeholder.
      return [route.replace(/\[event\]/g, DEMO_EVENT).replace(/\[[^\]]+\]/g, 'x')];
    })
    .filter((path) => path !== '/admin/login')
    .sort();
}

// ---------------------------------------------------------------- the admin in a browser

/** Logs in through /admin/login and waits for the admin page. */
export async function logIn(page: Page, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(`${SITE_URL}/admin`);
  await expect(page.getByRole('heading', { name: 'Instagram accounts' })).toBeVisible();
}

/**
 * Presses Tab until `target` has the focus, as a keyboard user would reach it; fails after
 * `limit` presses. Returns how many it took.
 */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`${limit} presses of Tab did not reach ${target}`);
}

/** Submits the login form with `password`, whatever the outcome. */
export async function tryLogIn(page: Page, password: string): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForLoadState();
}

/** From /admin, "Connect an Instagram account": waits for the emulator's consent page; returns its `state`. */
export async function openConsentPage(page: Page): Promise<string> {
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Connect an Instagram account' }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(`${EMULATOR_URL}/oauth/authorize?`));
  await expect(
    page.getByRole('heading', { name: /to access your Instagram account\?$/ }),
  ).toBeVisible();
  const state = new URL(page.url()).searchParams.get('state');
  expect(state, 'the authorize URL carries a state').toBeTruthy();
  return state!;
}

/**
 * On the consent page (see openConsentPage): picks `account` and clicks Allow. Returns the
 * callback URL the emulator sent the browser to (code and state); the page is wherever the
 * server sent it next.
 */
export async function allowOnConsentPage(page: Page, account: SeedAccount): Promise<string> {
  await page
    .getByRole('radio', { name: new RegExp(`^@${account.username.replace(/\./g, '\\.')}\\b`) })
    .check();
  const callback = page.waitForRequest((request: Request) =>
    request.url().startsWith(`${SITE_URL}/api/instagram/oauth/callback?`),
  );
  await page.getByRole('button', { name: 'Allow' }).click();
  const callbackUrl = (await callback).url();
  // The first page of the site the browser shows: /admin after a redirect, or the callback's own answer.
  await page.waitForURL((url) => url.origin === SITE_URL);
  return callbackUrl;
}

/**
 * Connects `account` the way an admin does: Connect → consent page → pick the account → Allow →
 * back on /admin with "Connected @…". Returns the callback URL (code and state).
 */
export async function connectAccount(page: Page, account: SeedAccount): Promise<string> {
  await openConsentPage(page);
  const callbackUrl = await allowOnConsentPage(page, account);
  // Instagram's redirect ends in `#_`, which the browser keeps across our redirect to /admin.
  await expect(page).toHaveURL(new RegExp(`^${SITE_URL}/admin(#_)?$`));
  await expect(page.getByRole('status')).toHaveText(`Connected @${account.username}.`);
  await expect(accountRow(page, account)).toHaveCount(1);
  return callbackUrl;
}

export function accountRow(page: Page, account: SeedAccount) {
  return page.locator(`table.accounts tr[data-account="${account.userId}"]`);
}

/**
 * Connects `account` as if through the consent page at `issuedAt`: the emulator issues a
 * long-lived token with that age and expiry (its control API), and the server's state database
 * gets the account.
 */
export async function seedAccount(
  request: APIRequestContext,
  account: SeedAccount,
  { issuedAt, expiresAt }: { issuedAt: number; expiresAt: number },
): Promise<void> {
  const issued = await request.post(`${EMULATOR_URL}/__control/tokens`, {
    data: { kind: 'long', username: account.username, issuedAt, expiresAt },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  const { token } = (await issued.json()) as { token: string };
  const store = await openSqliteStore({
    path: join(ROOT, STATE_DB_PATH),
    cipher: TokenCipher.fromKeys(loadTokenKeys(SERVER_ENV)),
  });
  try {
    await store.saveAccount({
      userId: account.userId,
      username: account.username,
      scopes: ['instagram_business_basic'],
      token,
      tokenIssuedAt: new Date(issuedAt).toISOString(),
      tokenExpiresAt: new Date(expiresAt).toISOString(),
      refreshedAt: null,
      connectedAt: new Date(issuedAt).toISOString(),
      source: 'oauth',
    });
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------- the admin API (bearer token)

export interface ListedAccount {
  userId: string;
  username: string;
  [field: string]: unknown;
}

export async function listAccounts(request: APIRequestContext): Promise<ListedAccount[]> {
  const response = await request.get('/api/instagram/accounts', { headers: BEARER });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { accounts: ListedAccount[] }).accounts;
}

export interface AccountStatus {
  userId: string;
  username: string;
  expiresAt: string | null;
  daysLeft: number | null;
  health: string;
  refreshBlockedBy?: string;
  refreshableFrom?: string;
  lastRefresh: string | null;
}

export async function tokenStatuses(request: APIRequestContext): Promise<AccountStatus[]> {
  const response = await request.get('/api/instagram/token/status', { headers: BEARER });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { accounts: AccountStatus[] }).accounts;
}

export function disconnect(request: APIRequestContext, userId: string): Promise<APIResponse> {
  return request.delete(`/api/instagram/accounts/${userId}`, {
    headers: { ...BEARER, ...SAME_ORIGIN },
  });
}

/** Disconnects every connected account, so a test starts with none. */
export async function disconnectAll(request: APIRequestContext): Promise<void> {
  for (const account of await listAccounts(request)) {
    const response = await disconnect(request, account.userId);
    expect(response.status(), await response.text()).toBe(200);
  }
  expect(await listAccounts(request)).toEqual([]);
}

/** `{ error: { code, message } }`, the one error shape of the API; returns it. */
export async function expectJsonError(
  response: APIResponse,
  status: number,
  code?: string,
): Promise<{ code: string; message: string }> {
  const text = await response.text();
  expect(response.status(), `${response.url()}: ${text}`).toBe(status);
  expect(response.headers()['content-type'] ?? '', `${response.url()} answers JSON`).toContain(
    'application/json',
  );
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error?.code, `${response.url()}: error.code`).toBe('string');
  expect(typeof body.error?.message, `${response.url()}: error.message`).toBe('string');
  expect((body.error!.message as string).length).toBeGreaterThan(0);
  if (code) expect(body.error?.code).toBe(code);
  return body.error as { code: string; message: string };
}

// ---------------------------------------------------------------- the emulator's control API

/** The control API of the emulator at `baseUrl` (the shared one unless a spec runs its own). */
export function emulatorControl(baseUrl: string) {
  const control = {
    async counts(request: APIRequestContext): Promise<Record<string, number>> {
      const response = await request.get(`${baseUrl}/__control/requests`);
      expect(response.status()).toBe(200);
      return ((await response.json()) as { byRoute: Record<string, number> }).byRoute;
    },
    async count(request: APIRequestContext, routeKey: string): Promise<number> {
      return (await control.counts(request))[routeKey] ?? 0;
    },
    async advanceClock(request: APIRequestContext, seconds: number): Promise<void> {
      const response = await request.post(`${baseUrl}/__control/clock`, {
        data: { advanceSeconds: seconds },
      });
      expect(response.ok(), await response.text()).toBe(true);
    },
    async now(request: APIRequestContext): Promise<number> {
      const response = await request.get(`${baseUrl}/__control/clock`);
      return Date.parse(((await response.json()) as { now: string }).now);
    },
    async addFault(request: APIRequestContext, fault: Record<string, unknown>): Promise<void> {
      const response = await request.post(`${baseUrl}/__control/faults`, { data: fault });
      expect(response.status(), await response.text()).toBe(201);
    },
    /** Faults, counters and clock back to the start; issued tokens forgotten (disconnect first). */
    async reset(request: APIRequestContext): Promise<void> {
      const response = await request.post(`${baseUrl}/__control/reset`);
      expect(response.ok(), await response.text()).toBe(true);
    },
  };
  return control;
}

export const emulator = emulatorControl(EMULATOR_URL);
