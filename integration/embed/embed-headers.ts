import type { HeaderRule } from './headers-file.ts';

/**
 * The response headers of the embed routes. `frame-ancestors` (who may put a page in a frame)
 * only works as a response header: browsers ignore it in a <meta> tag, so static pages cannot
 * carry it themselves and the host has to send it.
 */
export function embedHeaderRules(
  origins: string[],
  jsonFeedPaths: string[] = [],
  base = '/',
): HeaderRule[] {
  const rules: HeaderRule[] = [
    { path: '/embed/*', headers: { 'Content-Security-Policy': frameAncestors(origins) } },
    { path: '/embed.js', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } },
    // JSON Feed's own media type; and other sites' scripts may read the feeds.
    ...jsonFeedPaths.map((path) => ({
      path,
      headers: {
        'Content-Type': 'application/feed+json; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
      },
    })),
  ];
  // Paths as the browser asks for them: under the site's `base`.
  const prefix = base.replace(/\/$/, '');
  return rules.map((rule) => ({ ...rule, path: `${prefix}${rule.path}` }));
}

/** `frame-ancestors` from the allowed origins: "*" allows every site and makes the others moot. */
export function frameAncestors(origins: string[]): string {
  const sources = origins.includes('*') ? ['*'] : [...new Set(origins)];
  return `frame-ancestors ${sources.length > 0 ? sources.join(' ') : "'none'"}`;
}
