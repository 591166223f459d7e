// `npm run lint:imports`: the import rules of .dependency-cruiser.cjs over the package, the site,
// the scripts, the benches, the fuzzer, the tests and their harnesses. dependency-cruiser cannot read
// `.astro` files, so it runs on a copy of the sources in which each component is its frontmatter
// plus its <script> blocks, as TypeScript named `X.astro.ts` (an import of `./X.astro` resolves
// to it).
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const FOLDERS = ['integration', 'src', 'scripts', 'bench', 'harness', 'fuzz', 'test'];
const CODE = /\.(ts|mts|mjs|cjs|js)$/;
const SKIP = /(^|\/)(node_modules|dist|lib|\.astro)$/;

const copy = await mkdtemp(path.join(os.tmpdir(), 'lint-imports-'));
try {
  for (const file of await readdir(root))
    if (CODE.test(file) || /^(package|tsconfig)\.json$/.test(file))
      await cp(path.join(root, file), path.join(copy, file));
  await symlink(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  for (const folder of FOLDERS) await copySources(folder);
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'),
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
      ...FOLDERS,
    ],
    { cwd: copy, encoding: 'utf8' },
  );
  const output = `${result.stdout}${result.stderr}`.replaceAll('.astro.ts', '.astro');
  process.stdout.write(output);
  process.exitCode = result.status ?? 1;
} finally {
  await rm(copy, { recursive: true, force: true });
}

async function copySources(folder: string): Promise<void> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true });
  for (const entry of entries) {
    const relative = path.join(folder, entry.name);
    if (SKIP.test(relative)) continue;
    if (entry.isDirectory()) {
      await copySources(relative);
    } else if (CODE.test(entry.name)) {
      await mkdir(path.join(copy, folder), { recursive: true });
      await cp(path.join(root, relative), path.join(copy, relative));
    } else if (entry.name.endsWith('.astro')) {
      await mkdir(path.join(copy, folder), { recursive: true });
      const text = await readFile(path.join(root, relative), 'utf8');
      await writeFile(path.join(copy, `${relative}.ts`), astroScripts(text));
    }
  }
}

/** The TypeScript of an Astro component: its frontmatter and its bundled <script> blocks. */
function astroScripts(component: string): string {
  const frontmatter = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(component)?.[1] ?? '';
  const scripts = [...component.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !/\bis:inline\b|\bsrc=/.test(attributes ?? ''))
    .map(([, , body]) => body);
  return [frontmatter, ...scripts].join('\n;\n');
}
