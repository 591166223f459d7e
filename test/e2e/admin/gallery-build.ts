/**
 * "The next build shows the post": a copy of the reference site with one event around the
 * emulator's now, built against the e2e server's state db (its connected accounts), and its
 * static pages served on a port of their own.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { astroBuild, copySite, ROOT } from '../../../harness/site-copy.ts';
import { serveStatic } from '../../../harness/static-server.ts';
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
  try {
    return await buildAndServe(content, {
      INSTAGRAM_GRAPH_BASE: SERVER_ENV.INSTAGRAM_GRAPH_BASE!,
      IG_TOKEN_ENCRYPTION_KEY: SERVER_ENV.IG_TOKEN_ENCRYPTION_KEY!,
      STATE_DB_PATH: path.join(ROOT, STATE_DB_PATH),
    });
  } finally {
    await rm(content, { recursive: true, force: true });
  }
}

/** A copy of the reference site with `contentDir` as its content, built with `env`, its dist/client served. */
export async function buildAndServe(
  contentDir: string,
  env: Record<string, string>,
): Promise<BuiltGallery> {
  const site = await copySite(contentDir);
  const build = await astroBuild(site.root, env);
  const server = await serveStatic(path.join(site.root, 'dist/client'));
  return {
    url: server.url,
    output: build.output,
    code: build.code,
    async close() {
      await server.close();
      await site.remove();
    },
  };
}
