/**
 * The private gallery gate with the real services: events read from files, attempts counted in a
 * real sqlite state store, keys signed with the key the services derive. The cookie jar stands in
 * for Astro's (get and set by name), which is all the gate uses of it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIContext } from 'astro';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../integration/options.ts';
import { hashPassword } from '../../integration/server/password.ts';
import {
  accessCookieName,
  canRead,
  privateLink,
  readAccess,
  UNLOCK_ATTEMPTS,
  unlock,
} from '../../integration/server/private-gate.ts';
import { signAccessKey } from '../../integration/server/private-access-key.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';

const PASSWORD = 'correct horse battery';
const EVENT = 'board-dinner';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-private-gate-'));
  await mkdir(path.join(dir, 'events'), { recursive: true });
  await writeEvent(await hashPassword(PASSWORD));
  await writeFile(
    path.join(dir, 'events/gala.yaml'),
    'title: Gala\ntimezone: UTC\nstart: 2026-05-01T20:00\nend: 2026-05-01T23:00\n',
  );
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(dir, 'state.db'),
    PUBLIC_BASE_URL: 'https://photos.example.com',
  };
  await getServices(
    env,
    resolveOptions(
      { eventsDir: path.join(dir, 'events'), guestPhotos: { dir: path.join(dir, 'guests') } },
      env,
    ),
  );
});
afterEach(async () => {
  await resetServices();
  await rm(dir, { recursive: true, force: true });
});

async function writeEvent(passwordHash?: string) {
  await writeFile(
    path.join(dir, `events/${EVENT}.yaml`),
    [
      'title: Board Dinner',
      'timezone: Europe/Berlin',
      'start: 2026-11-14T19:00',
      'end: 2026-11-14T23:00',
      'visibility: private',
      ...(passwordHash ? [`password_hash: ${passwordHash}`] : []),
    ].join('\n'),
  );
}

/** A request's context for the gate: its URL, a cookie jar, the client's address. */
function visit(url: string, jar = new Map<string, string>(), clientAddress = '203.0.113.7') {
  const set = new Map<string, { expires?: Date; httpOnly?: boolean; secure?: boolean }>();
  const cookies = {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (
      name: string,
      value: string,
      options: typeof set extends Map<string, infer O> ? O : never,
    ) => {
      jar.set(name, value);
      set.set(name, options);
    },
  } as unknown as APIContext['cookies'];
  return { url: new URL(url, 'https://photos.example.com'), cookies, clientAddress, jar, set };
}

const event = async () =>
  (await getServices()).guestEvents().then((all) => all.find((e) => e.id === EVENT)!);

describe('canRead', () => {
  it('lets anyone read a public event, and no one a private one without a key', async () => {
    expect(await canRead('gala', visit('/g/gala/'))).toBe(true);
    expect(await readAccess(EVENT, visit(`/g/${EVENT}/`))).toMatchObject({
      allowed: false,
      reason: 'locked',
    });
    expect(await readAccess('no-such-event', visit('/g/no-such-event/'))).toMatchObject({
      allowed: false,
      reason: 'no_event',
    });
  });

  it('opens a private event with a link made for it, and leaves the key in an httpOnly cookie', async () => {
    const { url, expiresAt } = await privateLink(await event(), new Date(Date.now() + 3_600_000));
    expect(url).toMatch(new RegExp(`^https://photos\\.example\\.com/g/${EVENT}/\\?k=`));
    const first = visit(url);
    expect(await canRead(EVENT, first)).toBe(true);
    expect(first.set.get(accessCookieName(EVENT))).toMatchObject({
      httpOnly: true,
      secure: true,
      expires: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000),
    });
    // The photos and the feed, asked without ?k=, are let in by the cookie.
    expect(await canRead(EVENT, visit(`/g/${EVENT}/photos/a.jpg`, first.jar))).toBe(true);
  });

  it('refuses an expired link, and a link of another event', async () => {
    const services = await getServices();
    const expired = signAccessKey(services.privateKey, {
      eventId: EVENT,
      expiresAt: new Date(Date.now() - 1000),
      kind: 'link',
    });
    expect(await readAccess(EVENT, visit(`/g/${EVENT}/?k=${expired}`))).toMatchObject({
      allowed: false,
      reason: 'expired',
    });
    const other = signAccessKey(services.privateKey, {
      eventId: 'gala',
      expiresAt: new Date(Date.now() + 60_000),
      kind: 'link',
    });
    expect(await readAccess(EVENT, visit(`/g/${EVENT}/?k=${other}`))).toMatchObject({
      allowed: false,
      reason: 'invalid',
    });
  });
});

describe('unlock', () => {
  it('opens the gallery with the right password until the password changes', async () => {
    const request = visit(`/g/${EVENT}/`);
    expect(await unlock(await event(), { password: 'wrong password' }, request)).toEqual({
      result: 'wrong',
    });
    expect(await unlock(await event(), { password: PASSWORD }, request)).toEqual({
      result: 'open',
    });
    expect(await canRead(EVENT, visit(`/g/${EVENT}/`, request.jar))).toBe(true);
    await writeEvent(await hashPassword('a brand new password'));
    expect(await readAccess(EVENT, visit(`/g/${EVENT}/`, request.jar))).toMatchObject({
      allowed: false,
      reason: 'invalid',
    });
  });

  it('takes no password for an event without password_hash', async () => {
    await writeEvent();
    expect(await unlock(await event(), { password: PASSWORD }, visit(`/g/${EVENT}/`))).toEqual({
      result: 'wrong',
    });
  });

  it(`limits a client to ${UNLOCK_ATTEMPTS} tries in the window, right ones included, and says when to come back`, async () => {
    const now = new Date();
    for (let i = 0; i < UNLOCK_ATTEMPTS; i++)
      expect(
        (await unlock(await event(), { key: `l1.${'x'.repeat(43)}` }, visit('/'), now)).result,
      ).toBe('invalid');
    const limited = await unlock(await event(), { password: PASSWORD }, visit('/'), now);
    expect(limited).toMatchObject({ result: 'limited' });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // Another client is not held back.
    expect(
      (
        await unlock(
          await event(),
          { password: PASSWORD },
          visit('/', new Map(), '198.51.100.9'),
          now,
        )
      ).result,
    ).toBe('open');
  });
});
