/**
 * Shared fixtures for the browser tests: what the demo content says should be on the pages
 * (events, moderation decisions, the emulator's seed posts) and one reader for a rendered
 * gallery timeline. Read straight from the repository so the tests follow the content.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_CLIENT = join(ROOT, 'dist/client');

export interface DemoEvent {
  id: string;
  title: string;
  visibility: 'public' | 'unlisted' | 'private';
  /** Has a content/guest-photos/<id>/ folder. */
  hasGuestFolder: boolean;
}

/** The demo events the static site builds: every one but the private ones. */
export function demoEvents(): DemoEvent[] {
  return allDemoEvents().filter((event) => event.visibility !== 'private');
}

/** The demo's private events: served on demand behind their gate, never built. */
export function privateDemoEvents(): DemoEvent[] {
  return allDemoEvents().filter((event) => event.visibility === 'private');
}

function allDemoEvents(): DemoEvent[] {
  const dir = join(ROOT, 'content/events');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const id = file.replace(/\.yaml$/, '');
      const data = parse(readFileSync(join(dir, file), 'utf8')) as {
        title: string;
        visibility?: string;
      };
      return {
        id,
        title: data.title,
        visibility:
          data.visibility === 'unlisted' || data.visibility === 'private'
            ? data.visibility
            : 'public',
        hasGuestFolder: existsSync(join(ROOT, 'content/guest-photos', id)),
      };
    });
}

export const EMPTY_EVENT = '2026-12-05-winter-market';
export const UNLISTED_EVENT = '2026-09-12-team-offsite';
export const MAIN_EVENT = '2026-04-29';
/** The demo's private event, its password (the demo's, documented in README) and approved photos. */
export const PRIVATE_EVENT = '2026-11-08-board-dinner';
export const PRIVATE_PASSWORD = 'demo-gallery-password';

const IMAGE_FILE = /\.(jpe?g|png|webp|avif|heic|tiff?)$/i;

/**
 * The moderation decisions for one event's guest photos: `approved` files are published;
 * `hidden` are the rejected, pending and never-reviewed (on disk but not in moderation.yaml).
 */
export function moderation(eventId: string): { approved: string[]; hidden: string[] } {
  const dir = join(ROOT, 'content/guest-photos', eventId);
  const file = parse(readFileSync(join(dir, 'moderation.yaml'), 'utf8')) as {
    photos?: Record<string, { status?: string } | null>;
  };
  const listed = Object.entries(file.photos ?? {});
  const approved = listed
    .filter(([, decision]) => decision?.status === 'approved')
    .map(([name]) => name);
  const onDisk = readdirSync(dir).filter((name) => IMAGE_FILE.test(name));
  const hidden = [...new Set([...listed.map(([name]) => name), ...onDisk])].filter(
    (name) => !approved.includes(name),
  );
  return { approved: approved.sort(), hidden: hidden.sort() };
}

export interface SeedMedia {
  id: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  copyrightBlocked?: boolean;
  width: number;
  height: number;
  children?: { id: string; mediaType: 'IMAGE' | 'VIDEO'; width: number; height: number }[];
}

/** Every post of the Graph API emulator's demo seed, by id. */
export function seedMedia(): Map<string, SeedMedia> {
  const seed = JSON.parse(
    readFileSync(join(ROOT, 'integration/emulator/seed/demo.json'), 'utf8'),
  ) as {
    accounts: { media: SeedMedia[] }[];
  };
  return new Map(
    seed.accounts.flatMap((account) => account.media).map((media) => [media.id, media]),
  );
}

/** Files under dist/client whose name matches `pattern`, recursively. */
export function builtFiles(pattern: RegExp, dir = DIST_CLIENT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return builtFiles(pattern, path);
    return pattern.test(name) ? [path] : [];
  });
}

export interface TimelineItem {
  source: string | null;
  id: string | null;
  at: string | null;
  /** `datetime` of the item's own <time>. */
  time: string | null;
  badges: string[];
  permalinks: string[];
  carousels: { slides: number; label: string | null }[];
  slides: number;
  frames: { href: string; width: string | null; height: string | null }[];
  images: { src: string; width: string | null; height: string | null }[];
  videos: {
    preload: string | null;
    poster: string | null;
    sources: string[];
    width: string | null;
    height: string | null;
  }[];
  downloads: { href: string; download: string | null }[];
  text: string;
}

/** The gallery timeline as the page renders it, one entry per <li>. */
export async function readTimeline(page: Page): Promise<TimelineItem[]> {
  return page.locator('ol.ais-timeline > li').evaluateAll((items) =>
    items.map((li) => ({
      source: li.getAttribute('data-source'),
      id: li.getAttribute('data-id'),
      at: li.getAttribute('data-at'),
      time: li.querySelector('time')?.getAttribute('datetime') ?? null,
      badges: [...li.querySelectorAll('.ais-badge')].map(
        (badge) => badge.textContent?.trim() ?? '',
      ),
      permalinks: [...li.querySelectorAll<HTMLAnchorElement>('a.ais-permalink')].map(
        (a) => a.getAttribute('href') ?? '',
      ),
      carousels: [...li.querySelectorAll('.ais-carousel')].map((carousel) => ({
        slides: carousel.querySelectorAll('.ais-slide').length,
        label: carousel.getAttribute('aria-label'),
      })),
      slides: li.querySelectorAll('.ais-slide').length,
      frames: [...li.querySelectorAll('a.ais-frame')].map((a) => ({
        href: a.getAttribute('href') ?? '',
        width: a.getAttribute('data-pswp-width'),
        height: a.getAttribute('data-pswp-height'),
      })),
      images: [...li.querySelectorAll('img')].map((img) => ({
        src: img.getAttribute('src') ?? '',
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
      })),
      videos: [...li.querySelectorAll('video')].map((video) => ({
        preload: video.getAttribute('preload'),
        // A lazy poster is in data-poster until the video comes near the viewport.
        poster: video.getAttribute('poster') ?? video.getAttribute('data-poster'),
        sources: [
          video.getAttribute('src'),
          ...[...video.querySelectorAll('source')].map((s) => s.getAttribute('src')),
        ].filter((src): src is string => Boolean(src)),
        width: video.getAttribute('width'),
        height: video.getAttribute('height'),
      })),
      downloads: [...li.querySelectorAll<HTMLAnchorElement>('a.ais-download')].map((a) => ({
        href: a.getAttribute('href') ?? '',
        download: a.getAttribute('download'),
      })),
      text: li.textContent ?? '',
    })),
  );
}

/** Scrolls to the bottom in viewport steps so lazy images start loading, then back to the top. */
export async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = await page.evaluate(() => window.innerHeight);
  for (let y = 0; y <= height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

/**
 * Waits until every <img> the browser has started to load is done. Lazy images it still defers
 * (e.g. carousel slides scrolled far sideways) have no currentSrc yet and are not waited for.
 */
export async function waitForImages(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.images].filter((img) => img.currentSrc).every((img) => img.complete),
    undefined,
    { timeout: 15_000 },
  );
}
