/**
 * "Another site" for the embed tests: a tiny HTTP server on its own port whose pages are plain
 * HTML with the one-line snippet in them, as on a site that knows nothing of Astro.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SITE_URL } from '../admin/server-env.ts';

export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

export type Embed = { event: string } | { feed: true };

/** A page with some text, then one snippet per embed, then more text. */
export function hostPage(...embeds: Embed[]): string {
  const snippets = embeds.map((embed) =>
    'event' in embed
      ? `<script src="${SITE_URL}/embed.js" data-ais-event="${embed.event}" async></script>`
      : `<script src="${SITE_URL}/embed.js" data-ais-feed async></script>`,
  );
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title>',
    '<style>body { margin: 2rem; font-family: Georgia, serif; background: #f4efe6; }</style></head>',
    '<body><h1>Another site</h1><p>Our photos:</p>',
    ...snippets.map((snippet) => `<section>${snippet}</section>`),
    '<p>The end of the page.</p></body></html>',
  ].join('\n');
}

/** Serves `pages` (path → HTML) on 127.0.0.1:`port` (0: any free port). */
export async function startHostSite(pages: Record<string, string>, port = 0): Promise<HostSite> {
  const server = http.createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(port, '127.0.0.1', resolve),
  );
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
