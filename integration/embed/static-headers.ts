import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { embedHeaderRules } from './embed-headers.ts';
import {
  formatHeadersFile,
  headersFor,
  parseHeadersFile,
  type HeaderRule,
} from './headers-file.ts';

export const HEADERS_FILE = '_headers';

/**
 * Adds the embed rules to `<clientDir>/_headers` (after any rules the site's `public/_headers`
 * brought), for static hosts that read it and for `npm start`.
 */
export async function writeEmbedHeaders(
  clientDir: string,
  origins: string[],
  base = '/',
): Promise<HeaderRule[]> {
  const feeds = await readdir(path.join(clientDir, 'g')).catch(() => [] as string[]);
  const feedPaths = [
    '/instagram/feed.json',
    ...feeds
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `/g/${name}`),
  ];
  const rules = embedHeaderRules(origins, feedPaths, base);
  const file = path.join(clientDir, HEADERS_FILE);
  const existing = await readFile(file, 'utf8').catch(() => '');
  const ours = formatHeadersFile(
    rules,
    'astro-instagram-sync: embed pages, snippet and JSON feeds',
  );
  await writeFile(file, existing ? `${existing.trimEnd()}\n\n${ours}` : ours);
  return rules;
}

/** The rules of a built site's `_headers` file; none when it has no such file. */
export async function readHeadersFile(clientDir: string): Promise<HeaderRule[]> {
  return parseHeadersFile(
    await readFile(path.join(clientDir, HEADERS_FILE), 'utf8').catch(() => ''),
  );
}

/** Sets on `res` the headers the rules give the request's path. */
export function setRuleHeaders(
  rules: HeaderRule[],
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  for (const [name, value] of Object.entries(headersFor(safeDecode(pathname), rules)))
    res.setHeader(name, value);
}

function safeDecode(pathname: string): string {
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}
