// `npm run fuzz [-- --seed N --requests N --time-limit S --load-seconds S --no-build]`: builds the
// site, serves it as `npm start` does against the Instagram emulator, sends generated requests
// (fast-check, seeded) to every route of SERVER_ROUTES, then loads the server for a while, and
// prints the answers per route and the server's memory. Exits 1 on any 5xx, a request with no
// answer, a server that stopped, or a resident memory of 400 MB or more at the end.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, formatReport } from './fuzz.ts';
import { loadFor } from './load.ts';
import { startTarget } from './target.ts';

const RSS_LIMIT_BYTES = 400 * 1024 * 1024;
const ROOT = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    requests: { type: 'string', default: '10000' },
    'time-limit': { type: 'string', default: '900' },
    'load-seconds': { type: 'string', default: '25' },
    'no-build': { type: 'boolean', default: false },
    routes: { type: 'string' },
  },
});
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const requests = Number(values.requests);
const timeLimitMs = Number(values['time-limit']) * 1000;
const loadMs = Number(values['load-seconds']) * 1000;
if (![seed, requests, timeLimitMs, loadMs].every(Number.isFinite)) {
  console.error('--seed, --requests, --time-limit and --load-seconds take numbers.');
  process.exit(2);
}

console.log(`fuzz: seed ${seed} (repeat this run with --seed ${seed}), ${requests} requests`);
if (!values['no-build']) {
  console.log('fuzz: building the site (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Demo mode: the build reads the bundled emulator, not a real account.
      IG_ACCESS_TOKEN: '',
      INSTAGRAM_ACCESS_TOKEN: '',
      STATE_DB_PATH: path.join(ROOT, 'test-results/fuzz-build/none.db'),
    },
  });
  if (build.status !== 0) {
    console.error('fuzz: the build failed');
    process.exit(1);
  }
}

const target = await startTarget(ROOT);
let failed = false;
try {
  const report = await fuzz(target, {
    seed,
    requests,
    timeLimitMs,
    log: (line) => console.log(`fuzz: ${line}`),
  });
  const afterFuzz = await target.rss();
  console.log(`\n${formatReport(report)}\n`);
  console.log(`fuzz: ${report.sent} requests in ${(report.ms / 1000).toFixed(1)} s, seed ${seed}`);
  for (const failure of report.failures) {
    const { request } = failure;
    console.log(
      `  ${failure.status} ← ${request.method} ${request.path.slice(0, 200)} as ${request.caller}` +
        `${request.body ? ` with ${request.body.byteLength} bytes (${request.headers['content-type'] ?? 'no type'}): ${Buffer.from(request.body.subarray(0, 120)).toString('utf8')}` : ''}\n    ${failure.body.slice(0, 300)}`,
    );
  }
  const bad = Object.values(report.counts).reduce(
    (sum, count) => sum + count['5xx'] + count.error,
    0,
  );
  if (bad > 0 || report.crashed) failed = true;
  if (report.crashed) console.log(`fuzz: the server stopped: ${report.crashed}`);

  if (loadMs > 0 && !report.crashed) {
    console.log(`fuzz: loading the server for ${loadMs / 1000} s…`);
    const load = await loadFor(target, loadMs);
    console.log(
      `fuzz: load: ${load.requests} requests (${Math.round(load.requests / (loadMs / 1000))}/s), ${load.errors} without an answer, ${load.serverErrors} 5xx`,
    );
    if (load.errors > 0 || load.serverErrors > 0) failed = true;
  }
  const rss = await target.rss();
  console.log(
    `fuzz: server RSS ${mb(afterFuzz)} after the fuzzing, ${mb(rss)} at the end (limit ${mb(RSS_LIMIT_BYTES)})`,
  );
  if (rss === undefined || rss >= RSS_LIMIT_BYTES) failed = true;
  if (target.exited()) {
    console.log(
      `fuzz: the server ${target.exited()}; its last output:\n${target.output().slice(-3000)}`,
    );
    failed = true;
  }
} finally {
  await target.stop();
}
console.log(failed ? 'fuzz: FAILED' : 'fuzz: passed');
process.exit(failed ? 1 : 0);

function mb(bytes: number | undefined): string {
  return bytes === undefined ? 'unknown' : `${Math.round(bytes / 1024 / 1024)} MB`;
}
