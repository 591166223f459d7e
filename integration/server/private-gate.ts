import type { APIContext, AstroCookieSetOptions } from 'astro';
import type { GalleryEvent } from '../events/event-file.ts';
import { SlidingWindowLimit } from '../guest/rate-limit.ts';
import { clientKey } from './access.ts';
import { verifyPassword } from './password.ts';
import { readBodyBytes } from './request-input.ts';
import { checkAccessKey, signAccessKey } from './private-access-key.ts';
import { getServices, type Services } from './services.ts';

/**
 * The gate of private galleries: every route that shows something of an event (its page, photos,
 * feed, upload page, and any later one) asks `canRead` first. A private event opens with the
 * cookie that a right password or a valid link left, or with a valid `?k=` link key.
 */

/** What a request may do with an event's gallery; `event` is undefined when there is no such event. */
export type ReadAccess =
  | { allowed: true; event: GalleryEvent }
  | { allowed: false; event: GalleryEvent | undefined; reason: RefusalReason };

/** `locked`: no key given; `expired`/`invalid`: the link or grant given no longer opens it. */
export type RefusalReason = 'no_event' | 'locked' | 'expired' | 'invalid';

type GateContext = Pick<APIContext, 'url' | 'cookies'>;

/** Wrong passwords and keys a client may try per window, counted across instances in the state store. */
export const UNLOCK_ATTEMPTS = 10;
export const UNLOCK_WINDOW_MS = 15 * 60_000;
/** How long a right password opens the gallery in that browser. */
export const PASSWORD_GRANT_MS = 12 * 60 * 60_000;

/** The cookie holding a browser's key to one event (event ids are cookie-safe: a-z, 0-9, -). */
export const accessCookieName = (eventId: string) => `ais_private_${eventId}`;

/**
 * Whether this request may read the event `eventId`: true for public and unlisted events, and for
 * a private one opened by the browser's cookie or a valid `?k=`. A valid `?k=` also sets the
 * cookie, so the page's photos load without it.
 */
export async function canRead(eventId: string, context: GateContext): Promise<boolean> {
  return (await readAccess(eventId, context)).allowed;
}

/** `canRead`, with the event and the reason for a refusal (for the page that explains it). */
export async function readAccess(eventId: string, context: GateContext): Promise<ReadAccess> {
  const services = await getServices();
  const event = (await services.guestEvents()).find((candidate) => candidate.id === eventId);
  if (!event) return { allowed: false, event, reason: 'no_event' };
  if (event.visibility !== 'private') return { allowed: true, event };
  const link = context.url.searchParams.get('k');
  if (link !== null) {
    const check = checkKey(services, event, link);
    if (check.result !== 'valid') return { allowed: false, event, reason: check.result };
    setAccessCookie(services, context, event.id, link, check.expiresAt);
    return { allowed: true, event };
  }
  const cookie = context.cookies.get(accessCookieName(event.id))?.value;
  if (cookie === undefined) return { allowed: false, event, reason: 'locked' };
  const check = checkKey(services, event, cookie);
  return check.result === 'valid'
    ? { allowed: true, event }
    : { allowed: false, event, reason: check.result };
}

export type UnlockOutcome =
  | { result: 'open' }
  | { result: 'wrong' | 'expired' | 'invalid' }
  | { result: 'limited'; retryAfterSeconds: number };

/**
 * A password typed into the gate, or a link's key opened on the gallery page. Every attempt
 * counts against the client's limit before it is checked (so parallel guesses get no more
 * checks); an opened gallery forgets the client's attempts and leaves the cookie.
 */
export async function unlock(
  event: GalleryEvent,
  given: { password: string } | { key: string },
  context: GateContext & Pick<APIContext, 'clientAddress'>,
  now = new Date(),
): Promise<UnlockOutcome> {
  const services = await getServices();
  const limit = unlockLimit(services);
  const client = clientKey(context);
  const waitMs = await limit.take(client, now.getTime());
  if (waitMs > 0) return { result: 'limited', retryAfterSeconds: Math.ceil(waitMs / 1000) };
  if ('key' in given) {
    const check = checkKey(services, event, given.key, now);
    if (check.result !== 'valid') return { result: check.result };
    setAccessCookie(services, context, event.id, given.key, check.expiresAt);
  } else {
    const right =
      event.passwordHash !== undefined &&
      given.password.length <= 1000 &&
      (await verifyPassword(given.password, event.passwordHash));
    if (!right) return { result: 'wrong' };
    const expiresAt = new Date(now.getTime() + PASSWORD_GRANT_MS);
    const grant = signAccessKey(services.privateKey, {
      eventId: event.id,
      expiresAt,
      kind: 'password',
      passwordHash: event.passwordHash,
    });
    setAccessCookie(services, context, event.id, grant, expiresAt);
  }
  await limit.clear(client);
  return { result: 'open' };
}

/** A link to a private event's gallery that opens it until `expiresAt`. */
export async function privateLink(
  event: GalleryEvent,
  expiresAt: Date,
): Promise<{ url: string; expiresAt: Date }> {
  const services = await getServices();
  const key = signAccessKey(services.privateKey, { eventId: event.id, expiresAt, kind: 'link' });
  const url = new URL(`/g/${event.id}/`, `${services.config.publicBaseUrl}/`);
  url.searchParams.set('k', key);
  return { url: url.href, expiresAt };
}

function unlockLimit(services: Services): SlidingWindowLimit {
  return new SlidingWindowLimit(
    services.store,
    'private gallery',
    UNLOCK_ATTEMPTS,
    UNLOCK_WINDOW_MS,
  );
}

function checkKey(services: Services, event: GalleryEvent, key: string, now = new Date()) {
  return checkAccessKey(services.privateKey, event.id, key, {
    now,
    passwordHash: event.passwordHash,
  });
}

function setAccessCookie(
  services: Services,
  context: GateContext,
  eventId: string,
  key: string,
  expiresAt: Date,
): void {
  const options: AstroCookieSetOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(services.config.publicBaseUrl).protocol === 'https:',
    expires: expiresAt,
  };
  context.cookies.set(accessCookieName(eventId), key, options);
}

/** A small urlencoded form post (the gate's password, /admin/private's link form): at most 8 KiB, a larger body is a 413. */
export async function readForm(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(new TextDecoder().decode(await readBodyBytes(request, 8 * 1024)));
}
