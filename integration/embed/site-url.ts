/**
 * Absolute URLs for the JSON feeds. They need the site's public origin, which only the `site`
 * option of the Astro config knows.
 */
export const MISSING_SITE =
  'astro-instagram-sync: the JSON feeds (/g/<event_id>.json, /instagram/feed.json) need absolute URLs, but the Astro config has no `site`. ' +
  "Set `site: 'https://photos.example.com'` in astro.config (the reference site reads it from PUBLIC_BASE_URL), " +
  'or turn the embed routes off with `embed: { enabled: false }`.';

/** Fails the build early, naming `site`, when the feeds could not make absolute URLs. */
export function requireSite(site: string | undefined): void {
  if (!site) throw new Error(MISSING_SITE);
}

/** The site's origin: `site`, or in `astro dev` without it, the dev server's own. */
export function siteOrigin(context: { site: URL | undefined; url: URL }): URL {
  return context.site ?? new URL(context.url.origin);
}

/** An absolute URL of this site from a site path ("/g/x/"), the `base` path added. */
export function pageUrl(path: string, site: URL): string {
  return new URL(`${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`, site).href;
}

/** An absolute URL from a path Astro already made with `base` (an image's `src`). */
export function assetUrl(src: string, site: URL): string {
  return new URL(src, site).href;
}
