/** Helpers of the publishing specs: logging in from another address, the picker, the emulator's posts. */
import { request as httpRequest } from 'node:http';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { BEARER, NORTHLIGHT } from './support.ts';
import { ADMIN_PASSWORD, EMULATOR_URL, SITE_URL } from './server-env.ts';

export interface PublishedPost {
  id: string;
  mediaType: string;
  productType?: string;
  caption?: string;
  permalink: string;
  children?: { id: string; mediaType: string }[];
}

export async function chooseEvent(page: Page, eventId: string): Promise<void> {
  const select = page.getByLabel('Event');
  if ((await select.inputValue()) === eventId) return;
  const loaded = page.waitForResponse((response) =>
    response.url().includes(`/api/publish/sources?event=${eventId}`),
  );
  await select.selectOption(eventId);
  await loaded;
}

export function chosenNames(page: Page) {
  return page.locator('#chosen li .name');
}

export async function publishedPosts(
  request: APIRequestContext,
  emulatorUrl = EMULATOR_URL,
): Promise<PublishedPost[]> {
  const response = await request.get(
    `${emulatorUrl}/__control/published?userId=${NORTHLIGHT.userId}`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: PublishedPost[] }).data;
}

export async function jobCount(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/publish', { headers: BEARER });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { jobs: unknown[] }).jobs.length;
}

/** Logs in with POST /api/admin/login from another address (127.0.0.3 by default) and gives the browser the session cookie. */
export async function logInFromOtherAddress(
  context: BrowserContext,
  address = '127.0.0.3',
): Promise<void> {
  const cookies = await new Promise<string[]>((resolve, reject) => {
    const body = new URLSearchParams({ password: ADMIN_PASSWORD }).toString();
    const site = new URL(SITE_URL);
    const request = httpRequest(
      {
        host: site.hostname,
        port: site.port,
        path: '/api/admin/login',
        method: 'POST',
        localAddress: address,
        agent: false,
        headers: {
          origin: SITE_URL,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        if ((response.statusCode ?? 0) >= 400)
          reject(new Error(`login answered ${response.statusCode}`));
        else resolve(response.headers['set-cookie'] ?? []);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  expect(cookies.length, 'the login sets a session cookie').toBeGreaterThan(0);
  await context.addCookies(
    cookies.map((header) => {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      return {
        name: pair!.slice(0, index).trim(),
        value: pair!.slice(index + 1).trim(),
        url: SITE_URL,
      };
    }),
  );
}
