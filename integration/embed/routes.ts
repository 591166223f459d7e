/**
 * The static routes the integration injects for embedding (iframe pages, the snippet, JSON
 * feeds) when `embed.enabled` is true. Each `file` is in this folder.
 */
export const EMBED_ROUTES: { pattern: string; file: string }[] = [
  { pattern: '/embed/g/[event]', file: 'EventEmbed.astro' },
  { pattern: '/embed/feed', file: 'FeedEmbed.astro' },
  { pattern: '/embed.js', file: 'embed-script.ts' },
  { pattern: '/g/[event].json', file: 'event-feed.ts' },
  { pattern: '/instagram/feed.json', file: 'instagram-feed.ts' },
];
