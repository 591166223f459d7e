/**
 * `npm run bench:ci`: what CI costs. A fresh clone of this repository's HEAD in a temp dir, then
 * `.ci/run` (npm install, then `npm test`), timed from the start, with the moment each phase
 * ended: the install, the static checks, vitest, Playwright. The target: 12 minutes on an idle
 * 2-core machine. Needs the npm registry (or its cache), like CI; takes as long as CI.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ROOT } from '../harness/site-copy.ts';

const TARGET_SECONDS = 12 * 60;

/** The line that ends each phase in `.ci/run`'s output, in order. */
const PHASES: [name: string, ended: RegExp][] = [
  ['npm install', /^added \d+ packages/m],
  ['static checks (Biome, import rules, astro check)', /RUN\s+v\d/],
  ['vitest', /Duration\s+[\d.]+s/],
  ['Playwright', /^\s+\d+ passed \([\d.]+m?s?\)/m],
];

const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-ci-'));
try {
  execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${ROOT}`, dir]);
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 1000);
  const ended = new Map<string, number>();
  let output = '';
  const child = spawn('bash', ['.ci/run'], {
    cwd: dir,
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += stripVTControlCharacters(chunk.toString());
    // Phases end in order: only the first that has not ended yet is looked for.
    for (const [name, pattern] of PHASES) {
      if (ended.has(name)) continue;
      if (pattern.test(output)) ended.set(name, seconds());
      break;
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const [code] = (await once(child, 'close')) as [number | null];
  const total = seconds();
  const summary = output.match(/^(\d+) passed, (\d+) failed$/m);

  console.log('\n`.ci/run` in a fresh clone (npm install, then npm test)\n');
  let previous = 0;
  console.table(
    Object.fromEntries(
      PHASES.map(([name]) => {
        const at = ended.get(name) ?? NaN;
        const row = { 'ended at (s)': at, 'took (s)': at - previous };
        previous = Number.isNaN(at) ? previous : at;
        return [name, row];
      }),
    ),
  );
  console.log(summary?.[0] ?? `no summary line; the last output:\n${output.slice(-4000)}`);
  console.log(
    `CI took ${total} s = ${(total / 60).toFixed(1)} min (target ≤ ${TARGET_SECONDS / 60} min on an idle 2-core machine)`,
  );
  process.exitCode = code === 0 && summary?.[2] === '0' && total <= TARGET_SECONDS ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
}
