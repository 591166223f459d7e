/**
 * The static routes the integration injects for embedding (iframe pages, the snippet, JSON
 * feeds) when `embed.enabled` is true. Each `file` is in this folder.
 */
export const EMBED_ROUTES: { pattern: string; file: string }[] = [];
