import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

const SITE_CODE = [
  'src',
  'integration',
  'public',
  'scripts',
  'astro.config.mjs',
  'instagram-sync.config.ts',
  'package.json',
  'tsconfig.json',
];

/**
 * A copy of the reference site's code in a temp dir, with `content/` from `contentDir`.
 * node_modules holds links to the real packages but is a folder of its own, so Astro's image
 * cache (node_modules/.astro) starts empty, as on a fresh machine.
 */
export async function copySite(
  contentDir: string,
): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ais-site-'));
  for (const entry of SITE_CODE) {
    await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true }).catch(
      () => undefined,
    );
  }
  await mkdir(path.join(root, 'node_modules'));
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    await symlink(path.join(ROOT, 'node_modules', name), path.join(root, 'node_modules', name));
  }
  await cp(contentDir, path.join(root, 'content'), { recursive: true });
  await shareDerivedImages(root);
  return {
    root,
    // A build a timed-out test left running still writes into the copy: stop it first.
    remove: async () => {
      await stopBuildsIn(root);
      await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/**
 * With AIS_TEST_DERIVED_DIR set (`npm test` sets it for its whole run), the copy keeps its
 * encoded images there instead of in its own `.astro-instagram-sync/derived/`: the integration's derived-image
 * store, shared the way two machines share a bucket, so an image one test build encoded is
 * fetched, not encoded again, by the next. Benches and single test runs leave it unset and
 * start cold.
 */
export async function shareDerivedImages(root: string): Promise<void> {
  const shared = process.env.AIS_TEST_DERIVED_DIR;
  if (!shared) return;
  await mkdir(shared, { recursive: true });
  // The reference site keeps the default dataDir.
  await mkdir(path.join(root, '.astro-instagram-sync'), { recursive: true });
  await symlink(shared, path.join(root, '.astro-instagram-sync/derived'));
}

const runningBuilds = new Map<string, Set<ChildProcess>>();

async function stopBuildsIn(root: string): Promise<void> {
  const builds = [...(runningBuilds.get(root) ?? [])];
  await Promise.all(
    builds.map((child) => {
      const closed = once(child, 'close');
      child.kill('SIGKILL');
      return closed;
    }),
  );
}

/**
 * Runs `astro build` in `root` with a clean Instagram environment plus `env`. Aborting `signal`
 * kills the build (its code is then null).
 */
export function astroBuild(
  root: string,
  env: Record<string, string>,
  { signal }: { signal?: AbortSignal } = {},
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/astro'), ['build'], {
      cwd: root,
      ...(signal && { signal }),
      env: {
        ...process.env,
        PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
        ASTRO_TELEMETRY_DISABLED: '1',
        IG_ACCESS_TOKEN: '',
        INSTAGRAM_ACCESS_TOKEN: '',
        IG_SYNC_STRICT: '',
        ...env,
      },
    });
    const builds = runningBuilds.get(root) ?? new Set();
    runningBuilds.set(root, builds.add(child));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `\n${error.message}`)); // an abort: 'close' follows
    child.on('close', (code) => {
      builds.delete(child);
      resolve({ code, output, ms: performance.now() - started });
    });
  });
}
