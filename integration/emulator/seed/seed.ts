import { readFile } from 'node:fs/promises';
import type { AccountDailyMetric, MediaMetric } from '../insights/insights-metrics.ts';
import { isRedirectUri } from '../oauth/oauth-apps.ts';
import { checkAccountInsights, checkMediaInsights } from './seed-insights.ts';
import { FACEBOOK_SCOPES, type FacebookScope } from '../oauth/facebook-scopes.ts';
import { LOGIN_FLAVOURS, type LoginFlavour } from '../core/flavour.ts';
import { INSTAGRAM_SCOPES, type InstagramScope } from '../oauth/scopes.ts';

/** The data the emulator serves: accounts, their tokens and their media, and the apps that may log in. */
export interface Seed {
  accounts: SeedAccount[];
  /** Instagram apps for the OAuth routes (`client_id` / `client_secret`). */
  apps?: SeedApp[];
}

export interface SeedApp {
  /** The Instagram app id: OAuth `client_id`. */
  appId: string;
  /** OAuth `client_secret`, also checked by `ig_exchange_token`. */
  appSecret: string;
  /** Shown on the consent page; default `app <appId>`. */
  name?: string;
  /** Accepted redirect URIs, matched exactly; absent = any http(s) URI. */
  redirectUris?: string[];
  /** Which login the app is for: an Instagram app id, or a Meta app id (Facebook Login); default `instagram`. */
  login?: LoginFlavour;
}

export interface SeedAccount {
  /** IG professional account id (`user_id`), 17–18 digits. */
  userId: string;
  /** The app-scoped id that `/me` answers as `id`. */
  appScopedId: string;
  username: string;
  name: string;
  accountType: 'BUSINESS' | 'MEDIA_CREATOR';
  biography: string;
  website: string;
  followersCount: number;
  followsCount: number;
  /** The Facebook Page the account is linked to (Facebook Login); default ids derived from userId. */
  facebookPage?: { id: string; name: string };
  /** The Facebook user managing that Page; default derived from userId. */
  facebookUserId?: string;
  /** Calls per rolling hour before 80002; overrides the emulator option. */
  callBudgetPerHour?: number;
  /** Posts `media_publish` accepts per rolling 24 h before 9/2207042; overrides the emulator option. */
  publishingLimit?: number;
  tokens: SeedToken[];
  /** Feed posts, reels and stories (`productType: 'STORY'`). */
  media: SeedMedia[];
  /** Account insights per US-Pacific day; what is not given is derived (see docs/emulator.md). */
  insights?: SeedAccountInsights;
}

export interface SeedAccountInsights {
  /** Keyed by the Pacific date `YYYY-MM-DD`; a metric set to null has no data that day. */
  daily?: Record<string, Partial<Record<AccountDailyMetric, number | null>>>;
  /** Default true; false: days and metrics not given have no data. */
  derive?: boolean;
}

export type TokenKind = 'short' | 'long';
export type TokenRevocation = 'password_changed' | 'invalid';

export interface SeedToken {
  token: string;
  /** ISO date-time; after it the token answers 190/463. */
  expiresAt: string;
  /** ISO date-time; default `expiresAt` minus the kind's lifetime (60 days, or 1 hour when short). */
  issuedAt?: string;
  /** Default `long`; `ig_exchange_token` takes short ones, `ig_refresh_token` long ones. */
  kind?: TokenKind;
  /** `facebook`: a Facebook user token (`graph.facebook.com`); default `instagram`. */
  flavour?: LoginFlavour;
  /**
   * Granted permissions; default all five `instagram_business_*` scopes, or for a Facebook token
   * every Facebook Login permission.
   */
  scopes?: (InstagramScope | FacebookScope)[];
  /** `password_changed` answers 190/460, `invalid` answers 190/467. */
  revoked?: TokenRevocation;
}

export interface SeedMedia {
  id: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  /** A STORY is an IMAGE or VIDEO, listed by `/stories` while less than 24 hours old. */
  productType: 'FEED' | 'REELS' | 'STORY';
  caption?: string;
  /** ISO date-time in UTC. */
  timestamp: string;
  altText?: string;
  width: number;
  height: number;
  /** Required, except on stories, which have none. */
  likeCount?: number;
  /** Required, except on stories, which have none. */
  commentsCount?: number;
  shortcode: string;
  /** The item carries copyrighted material: Graph omits its `media_url`. */
  copyrightBlocked?: boolean;
  /**
   * VIDEO only: which bundled clip its file is, `2s` (default, sample.mp4: too short to publish
   * as a reel) or `4s` (sample-4s.mp4, long enough).
   */
  clip?: '2s' | '4s';
  commentsEnabled?: boolean;
  /** Reels only; defaults to true. */
  sharedToFeed?: boolean;
  children?: SeedChild[];
  /** Lifetime insights; a metric set to null has no data, one left out is derived (see docs/emulator.md). */
  insights?: Partial<Record<MediaMetric, number | null>>;
  /** Asking this media for `shares` fails, as observed on some IMAGE posts. */
  sharesUnsupported?: boolean;
}

export interface SeedChild {
  id: string;
  mediaType: 'IMAGE' | 'VIDEO';
  width: number;
  height: number;
  altText?: string;
}

export class SeedError extends Error {
  override name = 'SeedError';
}

export const demoSeedPath = new URL('./demo.json', import.meta.url);

/** Reads a seed (object or JSON file path) and validates it, naming every bad field. */
export async function loadSeed(source: Seed | string | URL): Promise<Seed> {
  const data =
    typeof source === 'string' || source instanceof URL ? await readSeedFile(source) : source;
  return validateSeed(
    data,
    typeof source === 'object' && !(source instanceof URL) ? 'seed' : String(source),
  );
}

async function readSeedFile(path: string | URL): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedError(
      `Cannot read the emulator seed file ${String(path)}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeedError(
      `The emulator seed file ${String(path)} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

export function validateSeed(data: unknown, origin = 'seed'): Seed {
  const problems: string[] = [];
  const check = createChecker(problems);
  if (!isObject(data) || !Array.isArray(data.accounts) || data.accounts.length === 0) {
    problems.push('accounts: expected a non-empty array of accounts');
  } else {
    for (const [i, account] of data.accounts.entries())
      checkAccount(check, account, `accounts[${i}]`);
    checkUniqueness(problems, data.accounts as SeedAccount[]);
  }
  if (isObject(data) && data.apps !== undefined) {
    checkList(check, data.apps, 'apps', checkApp);
    checkAppIds(problems, data.apps);
  }
  if (problems.length > 0) {
    throw new SeedError(`Invalid emulator seed (${origin}):\n  - ${problems.join('\n  - ')}`);
  }
  return data as unknown as Seed;
}

export type Checker = ReturnType<typeof createChecker>;

function createChecker(problems: string[]) {
  const fail = (path: string, expected: string) => {
    problems.push(`${path}: expected ${expected}`);
    return false;
  };
  return {
    problems,
    string: (value: unknown, path: string) =>
      (typeof value === 'string' && value !== '') || fail(path, 'a non-empty string'),
    optionalString: (value: unknown, path: string) =>
      value === undefined || typeof value === 'string' || fail(path, 'a string'),
    count: (value: unknown, path: string) =>
      (Number.isInteger(value) && (value as number) >= 0) || fail(path, 'a whole number ≥ 0'),
    size: (value: unknown, path: string) =>
      (Number.isInteger(value) && (value as number) > 0) || fail(path, 'a whole number > 0'),
    oneOf: (value: unknown, allowed: readonly string[], path: string) =>
      allowed.includes(value as string) ||
      fail(path, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`),
    graphId: (value: unknown, path: string) =>
      (typeof value === 'string' && /^1[78]\d{15,16}$/.test(value)) ||
      fail(path, 'a string of 17–18 digits starting with 17 or 18'),
    digits: (value: unknown, path: string) =>
      (typeof value === 'string' && /^\d{5,20}$/.test(value)) || fail(path, 'a string of digits'),
    dateTime: (value: unknown, path: string) =>
      (typeof value === 'string' &&
        /^\d{4}-\d\d-\d\dT/.test(value) &&
        !Number.isNaN(Date.parse(value))) ||
      fail(path, 'an ISO date-time string such as "2026-04-29T18:22:41Z"'),
    optionalBoolean: (value: unknown, path: string) =>
      value === undefined || typeof value === 'boolean' || fail(path, 'true or false'),
    redirectUri: (value: unknown, path: string) =>
      isRedirectUri(value) || fail(path, 'an http(s) URL without a #fragment'),
    fail,
  };
}

function checkAccount(check: Checker, account: unknown, path: string): void {
  if (!isObject(account)) {
    check.fail(path, 'an account object');
    return;
  }
  check.graphId(account.userId, `${path}.userId`);
  check.digits(account.appScopedId, `${path}.appScopedId`);
  if (account.appScopedId === account.userId)
    check.fail(`${path}.appScopedId`, 'an id different from userId');
  check.string(account.username, `${path}.username`);
  check.string(account.name, `${path}.name`);
  check.oneOf(account.accountType, ['BUSINESS', 'MEDIA_CREATOR'], `${path}.accountType`);
  check.optionalString(account.biography, `${path}.biography`);
  check.optionalString(account.website, `${path}.website`);
  check.count(account.followersCount, `${path}.followersCount`);
  check.count(account.followsCount, `${path}.followsCount`);
  if (account.facebookPage !== undefined)
    checkPage(check, account.facebookPage, `${path}.facebookPage`);
  if (account.facebookUserId !== undefined)
    check.digits(account.facebookUserId, `${path}.facebookUserId`);
  if (account.callBudgetPerHour !== undefined)
    check.size(account.callBudgetPerHour, `${path}.callBudgetPerHour`);
  if (account.publishingLimit !== undefined)
    check.size(account.publishingLimit, `${path}.publishingLimit`);
  checkList(check, account.tokens, `${path}.tokens`, checkToken);
  checkList(check, account.media, `${path}.media`, checkMedia);
  if (account.insights !== undefined)
    checkAccountInsights(check, account.insights, `${path}.insights`);
}

function checkList(
  check: Checker,
  list: unknown,
  path: string,
  each: (check: Checker, item: unknown, path: string) => void,
): void {
  if (!Array.isArray(list)) {
    check.fail(path, 'an array');
    return;
  }
  for (const [i, item] of list.entries()) each(check, item, `${path}[${i}]`);
}

function checkToken(check: Checker, token: unknown, path: string): void {
  if (!isObject(token)) {
    check.fail(path, 'a token object');
    return;
  }
  check.string(token.token, `${path}.token`);
  const expires = check.dateTime(token.expiresAt, `${path}.expiresAt`);
  if (
    token.issuedAt !== undefined &&
    check.dateTime(token.issuedAt, `${path}.issuedAt`) &&
    expires
  ) {
    if (Date.parse(token.issuedAt as string) >= Date.parse(token.expiresAt as string))
      check.fail(`${path}.issuedAt`, 'a date-time before expiresAt');
  }
  if (token.kind !== undefined) check.oneOf(token.kind, ['short', 'long'], `${path}.kind`);
  if (token.flavour !== undefined) check.oneOf(token.flavour, LOGIN_FLAVOURS, `${path}.flavour`);
  const scopes = token.flavour === 'facebook' ? FACEBOOK_SCOPES : INSTAGRAM_SCOPES;
  if (token.scopes !== undefined)
    checkList(check, token.scopes, `${path}.scopes`, (c, scope, at) => c.oneOf(scope, scopes, at));
  if (token.revoked !== undefined)
    check.oneOf(token.revoked, ['password_changed', 'invalid'], `${path}.revoked`);
}

function checkApp(check: Checker, app: unknown, path: string): void {
  if (!isObject(app)) {
    check.fail(path, 'an app object');
    return;
  }
  check.digits(app.appId, `${path}.appId`);
  check.string(app.appSecret, `${path}.appSecret`);
  check.optionalString(app.name, `${path}.name`);
  if (app.login !== undefined) check.oneOf(app.login, LOGIN_FLAVOURS, `${path}.login`);
  if (app.redirectUris !== undefined)
    checkList(check, app.redirectUris, `${path}.redirectUris`, (c, uri, at) =>
      c.redirectUri(uri, at),
    );
}

function checkPage(check: Checker, page: unknown, path: string): void {
  if (!isObject(page)) {
    check.fail(path, 'an object with id and name');
    return;
  }
  check.digits(page.id, `${path}.id`);
  check.string(page.name, `${path}.name`);
}

function checkMedia(check: Checker, media: unknown, path: string): void {
  if (!isObject(media)) {
    check.fail(path, 'a media object');
    return;
  }
  check.graphId(media.id, `${path}.id`);
  check.oneOf(media.mediaType, ['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM'], `${path}.mediaType`);
  check.oneOf(media.productType, ['FEED', 'REELS', 'STORY'], `${path}.productType`);
  if (media.productType === 'REELS' && media.mediaType !== 'VIDEO')
    check.fail(`${path}.mediaType`, '"VIDEO" for a REELS item');
  if (media.productType === 'STORY' && media.mediaType === 'CAROUSEL_ALBUM')
    check.fail(`${path}.mediaType`, '"IMAGE" or "VIDEO" for a STORY item');
  check.optionalString(media.caption, `${path}.caption`);
  check.dateTime(media.timestamp, `${path}.timestamp`);
  check.optionalString(media.altText, `${path}.altText`);
  check.size(media.width, `${path}.width`);
  check.size(media.height, `${path}.height`);
  checkCounts(check, media, path);
  check.string(media.shortcode, `${path}.shortcode`);
  check.optionalBoolean(media.copyrightBlocked, `${path}.copyrightBlocked`);
  if (media.clip !== undefined) {
    check.oneOf(media.clip, ['2s', '4s'], `${path}.clip`);
    if (media.mediaType !== 'VIDEO')
      check.fail(`${path}.clip`, 'no clip unless mediaType is "VIDEO"');
  }
  check.optionalBoolean(media.commentsEnabled, `${path}.commentsEnabled`);
  check.optionalBoolean(media.sharedToFeed, `${path}.sharedToFeed`);
  check.optionalBoolean(media.sharesUnsupported, `${path}.sharesUnsupported`);
  if (media.insights !== undefined) checkMediaInsights(check, media, `${path}.insights`);
  checkChildren(check, media, path);
}

/** Posts and reels have like and comment counts; stories have none. */
function checkCounts(check: Checker, media: Record<string, unknown>, path: string): void {
  for (const name of ['likeCount', 'commentsCount']) {
    if (media.productType !== 'STORY') check.count(media[name], `${path}.${name}`);
    else if (media[name] !== undefined) check.fail(`${path}.${name}`, `no ${name} on a STORY item`);
  }
}

function checkChildren(check: Checker, media: Record<string, unknown>, path: string): void {
  const children = media.children;
  if (media.mediaType !== 'CAROUSEL_ALBUM') {
    if (children !== undefined)
      check.fail(`${path}.children`, 'no children unless mediaType is "CAROUSEL_ALBUM"');
    return;
  }
  // Graph carousels hold 2–10 items (content publishing error 2207028).
  if (!Array.isArray(children) || children.length < 2 || children.length > 10) {
    check.fail(`${path}.children`, 'an array of 2–10 children for a carousel');
    return;
  }
  for (const [i, child] of children.entries()) checkChild(check, child, `${path}.children[${i}]`);
}

function checkChild(check: Checker, child: unknown, path: string): void {
  if (!isObject(child)) {
    check.fail(path, 'a child object');
    return;
  }
  check.graphId(child.id, `${path}.id`);
  check.oneOf(child.mediaType, ['IMAGE', 'VIDEO'], `${path}.mediaType`);
  check.size(child.width, `${path}.width`);
  check.size(child.height, `${path}.height`);
  check.optionalString(child.altText, `${path}.altText`);
}

function createClaim(problems: string[]) {
  return (seen: Map<string, string>, value: unknown, path: string) => {
    if (typeof value !== 'string') return;
    const earlier = seen.get(value);
    if (earlier) problems.push(`${path}: ${JSON.stringify(value)} is already used by ${earlier}`);
    else seen.set(value, path);
  };
}

function checkAppIds(problems: string[], apps: unknown): void {
  const claim = createClaim(problems);
  const ids = new Map<string, string>();
  for (const [i, app] of arrayOf(apps as { appId?: unknown }[]).entries())
    claim(ids, app?.appId, `apps[${i}].appId`);
}

function checkUniqueness(problems: string[], accounts: SeedAccount[]): void {
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  const claim = createClaim(problems);
  accounts.forEach((account, a) => {
    if (!isObject(account)) return;
    const at = `accounts[${a}]`;
    claim(ids, account.userId, `${at}.userId`);
    for (const [i, t] of arrayOf(account.tokens).entries())
      claim(tokens, t?.token, `${at}.tokens[${i}].token`);
    for (const [i, m] of arrayOf(account.media).entries()) {
      claim(ids, m?.id, `${at}.media[${i}].id`);
      for (const [j, c] of arrayOf(m?.children).entries())
        claim(ids, c?.id, `${at}.media[${i}].children[${j}].id`);
    }
  });
}

function arrayOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
