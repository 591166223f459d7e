/**
 * "The next build shows the post": a copy of the reference site with one event around the
 * emulator's now, built against the e2e server's state db (its connected accounts), and its
 * static pages served on a port of their own.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { astroBuild, copySite, ROOT } from '../../helpers/site-copy.ts';
import { SERVER_ENV, STATE_DB_PATH } from './server-env.ts';

export const TODAY_EVENT = 'launch-party';

export interface BuiltGallery {
  url: string;
  output: string;
  code: number | null;
  close(): Promise<void>;
}

/** Builds the site with an event from an hour before `now` to an hour after, and serves dist/client. */
export async function buildGalleryAround(now: number): Promise<BuiltGallery> {
  const content = await mkdtemp(path.join(os.tmpdir(), 'ais-content-'));
  await mkdir(path.join(content, 'events'));
  await mkdir(path.join(content, 'guest-photos'));
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  await writeFile(
    path.join(content, 'events', `${TODAY_EVENT}.yaml`),
    `title: Launch Party\ntimezone: UTC\nstart: ${minute(now - 3600_000)}\nend: ${minute(now + 3600_000)}\n`,
  );
  const site = await copySite(content);
  await rm(content, { recursive: true, force: true });
  const build = await astroBuild(site.root, {
    INSTAGRAM_GRAPH_BASE: SERVER_ENV.INSTAGRAM_GRAPH_BASE!,
    IG_TOKEN_ENCRYPTION_KEY: SERVER_ENV.IG_TOKEN_ENCRYPTION_KEY!,
    STATE_DB_PATH: path.join(ROOT, STATE_DB_PATH),
  });
  const server = serveStatic(path.join(site.root, 'dist/client'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    output: build.output,
    code: build.code,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await site.remove();
    },
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.avif': 'image/avif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.mp4': 'video/mp4' };

function serveStatic(dir: string): Server {
  return createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
}
