import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rename, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, shareDerivedImages } from '../../harness/site-copy.ts';

/** The files `npm pack --dry-run` would publish (lib/ must be built). */
export function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(output) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
}

/** `npm pack` of this repository (its prepack builds lib/): the tarball's path. */
export async function packPackage(into: string): Promise<string> {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', into], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(output) as { filename: string }[];
  return path.join(into, packed!.filename);
}

/**
 * A copy of `fixtureDir` with the tarball installed as a user's npm would put it
 * (node_modules/astro-instagram-sync, a real folder) and every other package linked from this
 * repository's node_modules (no network).
 */
export async function installFixture(
  fixtureDir: string,
  tarball: string,
): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ais-consumer-'));
  await cp(fixtureDir, root, { recursive: true });
  const modules = path.join(root, 'node_modules');
  await mkdir(modules);
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (name === '.astro' || name === '.vite' || name === '.bin' || name === 'astro-instagram-sync')
      continue;
    await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  await rename(path.join(modules, 'package'), path.join(modules, 'astro-instagram-sync'));
  await shareDerivedImages(root);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
