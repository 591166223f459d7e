import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crossSiteRefused, isApiPath, needsAdmin } from '../../integration/server/access.ts';
import { LoginLimiter } from '../../integration/server/login-limiter.ts';
import { checkState, createState, STATE_TTL_MS } from '../../integration/server/oauth-state.ts';
import { hashPassword, verifyPassword } from '../../integration/server/password.ts';
import { SERVER_ROUTES } from '../../integration/server/routes.ts';
import { tempStores } from '../store/store-fixtures.ts';

const publicBaseUrl = 'https://photos.example.com';

describe('which paths need an admin', () => {
  it('guards every injected route except the login endpoint', () => {
    for (const route of SERVER_ROUTES) {
      const path = route.pattern.replace('[id]', '17841400000000001');
      expect(needsAdmin(path), path).toBe(!('public' in route && route.public));
    }
  });

  it('guards the admin pages but not the login page or the public site', () => {
    expect(needsAdmin('/admin')).toBe(true);
    expect(needsAdmin('/admin/')).toBe(true);
    expect(needsAdmin('/admin/anything-new')).toBe(true);
    expect(needsAdmin('/admin/login')).toBe(false);
    expect(needsAdmin('/g/2026-04-29/')).toBe(false);
    expect(needsAdmin('/administrator')).toBe(false);
  });

  it("guards the server islands (the analytics dashboard's sections), answering them like an API", () => {
    expect(needsAdmin('/_server-islands/Kpis')).toBe(true);
    expect(isApiPath('/_server-islands/Kpis')).toBe(true);
    expect(isApiPath('/admin/analytics')).toBe(false);
  });
});

describe('cross-site protection', () => {
  const url = new URL('https://internal:4321/api/instagram/token/refresh');
  const post = (headers: Record<string, string>) => new Request(url, { method: 'POST', headers });

  it('refuses a state-changing request from another origin, or one that says nothing', () => {
    expect(crossSiteRefused(post({ origin: 'https://evil.example' }), url, publicBaseUrl)).toBe(
      true,
    );
    expect(crossSiteRefused(post({ 'sec-fetch-site': 'cross-site' }), url, publicBaseUrl)).toBe(
      true,
    );
    expect(crossSiteRefused(post({}), url, publicBaseUrl)).toBe(true);
  });

  it("lets Meta's webhook POST through (no Origin; the signature is its check), and only that path", () => {
    const hook = new URL('https://internal:4321/api/instagram/webhook');
    expect(crossSiteRefused(new Request(hook, { method: 'POST' }), hook, publicBaseUrl)).toBe(
      false,
    );
    expect(needsAdmin('/api/instagram/webhook')).toBe(false);
    expect(needsAdmin('/api/instagram/webhooks')).toBe(true);
    const other = new URL('https://internal:4321/api/instagram/webhook/x');
    expect(crossSiteRefused(new Request(other, { method: 'POST' }), other, publicBaseUrl)).toBe(
      true,
    );
  });

  it('accepts the same origin, the public origin behind a proxy, and safe methods', () => {
    expect(crossSiteRefused(post({ origin: 'https://internal:4321' }), url, publicBaseUrl)).toBe(
      false,
    );
    expect(
      crossSiteRefused(post({ origin: 'https://photos.example.com' }), url, publicBaseUrl),
    ).toBe(false);
    expect(crossSiteRefused(post({ 'sec-fetch-site': 'same-origin' }), url, publicBaseUrl)).toBe(
      false,
    );
    expect(
      crossSiteRefused(
        new Request(url, { headers: { origin: 'https://evil.example' } }),
        url,
        publicBaseUrl,
      ),
    ).toBe(false);
  });
});

describe('the OAuth state', () => {
  const key = Buffer.alloc(32, 7);

  it('is accepted once, by the session that made it, within 10 minutes', () => {
    const { state, pending } = createState(key, 'session-a', 1_000);
    expect(checkState(key, 'session-a', state, pending, 2_000)).toBe('ok');
    expect(checkState(key, 'session-b', state, pending, 2_000)).toBe('bad_signature');
    expect(checkState(key, 'session-a', state, pending, 1_000 + STATE_TTL_MS)).toBe('expired');
    expect(checkState(key, 'session-a', state, undefined, 2_000)).toBe('not_pending');
  });

  it('rejects a missing, malformed or tampered state', () => {
    const { state, pending } = createState(key, 's', 0);
    expect(checkState(key, 's', null, pending, 1)).toBe('missing');
    expect(checkState(key, 's', 'garbage', pending, 1)).toBe('malformed');
    const [nonce, expiry, signature] = state.split('.');
    expect(
      checkState(key, 's', `${nonce}.${Number(expiry) + 60_000}.${signature}`, pending, 1),
    ).toBe('bad_signature');
    expect(checkState(key, 's', `${nonce}X.${expiry}.${signature}`, pending, 1)).toBe(
      'bad_signature',
    );
  });
});

describe('admin passwords', () => {
  it('verify against their scrypt hash and nothing else', async () => {
    const hash = await hashPassword('a long admin password');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('a long admin password');
    expect(await verifyPassword('a long admin password', hash)).toBe(true);
    expect(await verifyPassword('a long admin passworD', hash)).toBe(false);
  });

  it('refuse a short password and explain a malformed hash', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/at least 10 characters/);
    await expect(verifyPassword('x', 'plaintext')).rejects.toThrow(
      /npm run ig -- admin hash-password/,
    );
  });
});

describe('login attempts', () => {
  const stores = tempStores();
  beforeEach(stores.setUp);
  afterEach(stores.tearDown);
  const WINDOW = 15 * 60_000;

  it('are limited to 5 per client in 15 minutes, and a success clears them', async () => {
    const limiter = new LoginLimiter(await stores.open(), 5, WINDOW);
    for (let i = 0; i < 5; i++) expect(await limiter.attempt('1.2.3.4', 1_000)).toBe(0);
    expect(await limiter.attempt('1.2.3.4', 2_000)).toBe(WINDOW - 1_000);
    expect(await limiter.attempt('5.6.7.8', 2_000)).toBe(0);
    expect(await limiter.attempt('1.2.3.4', 1_000 + WINDOW)).toBe(0);
    await limiter.succeed('1.2.3.4');
    for (let i = 0; i < 5; i++) expect(await limiter.attempt('1.2.3.4', 2_000 + WINDOW)).toBe(0);
    expect(await limiter.attempt('1.2.3.4', 2_000 + WINDOW)).toBeGreaterThan(0);
  });

  it('count together on two server instances sharing the store', async () => {
    const a = new LoginLimiter(await stores.open(), 5, WINDOW);
    const b = new LoginLimiter(await stores.open(), 5, WINDOW);
    for (const limiter of [a, b, a, b, a]) expect(await limiter.attempt('1.2.3.4', 1_000)).toBe(0);
    expect(await b.attempt('1.2.3.4', 2_000)).toBe(WINDOW - 1_000);
    expect(await a.attempt('1.2.3.4', 2_000)).toBe(WINDOW - 1_000);
    await a.succeed('1.2.3.4'); // a login on one instance clears the count on every one
    expect(await b.attempt('1.2.3.4', 3_000)).toBe(0);
  });
});
