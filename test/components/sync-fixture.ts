import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_ROOT } from './fixture-site.ts';

const ASTRO = path.resolve(import.meta.dirname, '../../node_modules/.bin/astro');

/**
 * Vitest global setup: `astro sync` of the fixture project writes the content layer's data
 * store. The CLI writes the build's copy (node_modules/.astro); Vitest runs Astro's Vite setup
 * in dev mode, which reads the one in .astro/, so it is copied there.
 */
export default async function syncFixture(): Promise<void> {
  await promisify(execFile)(ASTRO, ['sync', '--root', FIXTURE_ROOT], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  await mkdir(path.join(FIXTURE_ROOT, '.astro'), { recursive: true });
  await copyFile(
    path.join(FIXTURE_ROOT, 'node_modules/.astro/data-store.json'),
    path.join(FIXTURE_ROOT, '.astro/data-store.json'),
  );
}
