// `npm run build:package`: the publishable package in lib/. TypeScript becomes JavaScript with
// declarations (Node will not strip types from files under node_modules); Astro components are
// copied with their `.ts` imports pointed at the `.js` files; the emulator keeps its seed data.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const source = path.join(root, 'integration');
const target = path.join(root, 'lib');
const DATA_FILES = [
  'emulator/seed/demo.json',
  'emulator/seed/sample.mp4',
  'emulator/seed/sample-4s.mp4',
];

await rm(target, { recursive: true, force: true });
execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.package.json'], {
  cwd: root,
  stdio: 'inherit',
});
let components = 0;
for (const file of await filesUnder(source)) {
  if (!file.endsWith('.astro')) continue;
  const text = await readFile(path.join(source, file), 'utf8');
  await mkdir(path.dirname(path.join(target, file)), { recursive: true });
  await writeFile(
    path.join(target, file),
    text.replace(/((?:from|import)\s+['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2'),
  );
  components++;
}
for (const file of DATA_FILES) await cp(path.join(source, file), path.join(target, file));
console.error(
  `lib/: compiled TypeScript, ${components} Astro components, ${DATA_FILES.length} data files`,
);

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? filesUnder(dir, path.join(prefix, entry.name))
        : [path.join(prefix, entry.name)],
    ),
  );
  return nested.flat();
}
