import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Asset } from '../core/store.ts';

export const CDN_PATH = '/cdn/v/t51.2885-15/';

// Instagram CDN links live "a few days", video links less than image links (user reports, e.g.
// github.com/oorestisime/gatsby-source-instagram/issues/255); Meta documents no lifetime.
const IMAGE_TTL_SECONDS = 3 * 24 * 3600;
const VIDEO_TTL_SECONDS = 24 * 3600;

// A fixed key keeps links valid across emulator restarts; the signature only has to catch tampering.
const SIGNING_KEY = 'astro-instagram-sync emulator cdn';

export interface CdnLinkOptions {
  origin: string;
  nowMs: number;
  ttlSeconds?: number;
  /** Sign links whose `oe` is already in the past (fault `expireCdnUrls`). */
  expired?: boolean;
}

export type CdnUrlFor = (asset: Asset) => string;

/** Signed links shaped like Instagram's: `oh` is the signature, `oe` the expiry as uppercase hex unix seconds. */
export function cdnLinks(options: CdnLinkOptions): CdnUrlFor {
  return (asset) => {
    const expiresAt = options.expired
      ? Math.floor(options.nowMs / 1000) - 60
      : Math.floor(options.nowMs / 1000) + ttlFor(asset, options.ttlSeconds);
    const oe = expiresAt.toString(16).toUpperCase();
    const path = `${CDN_PATH}${asset.file}`;
    const query = new URLSearchParams({
      stp: 'dst-jpg',
      _nc_ht: 'scontent.cdninstagram.com',
      oh: `00_${sign(path, oe)}`,
      oe,
    });
    return `${options.origin}${path}?${query}`;
  };
}

function ttlFor(asset: Asset, ttlSeconds: number | undefined): number {
  if (ttlSeconds !== undefined) return ttlSeconds;
  return asset.kind === 'video' ? VIDEO_TTL_SECONDS : IMAGE_TTL_SECONDS;
}

export type CdnCheck = 'ok' | 'bad-hash' | 'expired';

/** The CDN checks the signature first, so editing `oe` to extend a link gives "Bad URL hash". */
export function checkCdnUrl(url: URL, nowMs: number): CdnCheck {
  const oe = url.searchParams.get('oe') ?? '';
  const oh = url.searchParams.get('oh') ?? '';
  if (!/^[0-9A-F]+$/i.test(oe) || !sameText(oh, `00_${sign(url.pathname, oe)}`)) return 'bad-hash';
  return Number.parseInt(oe, 16) * 1000 <= nowMs ? 'expired' : 'ok';
}

function sign(path: string, oe: string): string {
  return createHmac('sha256', SIGNING_KEY).update(`${path}|${oe}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
