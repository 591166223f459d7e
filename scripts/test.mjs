// `npm test`: the static checks (Biome, the import rules, astro check), then every unit and
// integration test (vitest) and the browser tests (Playwright, Debian's Chromium) at the same time,
// then one plain summary line with the real totals. Each static check counts as one test.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) installChromium();

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/playwright.json', { force: true });
// One derived-image store for every site the tests build (harness/site-copy.ts): what one build
// encoded, the next fetches, as a second machine would from the bucket.
const derivedImages = mkdtempSync(path.join(os.tmpdir(), 'ais-test-derived-'));
const env = {
  ...process.env,
  AIS_TEST_DERIVED_DIR: derivedImages,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
};

// The checks at the same time (astro check takes most of their time on one core), each one's
// output shown whole, in this order. They finish before the runners start: astro check and the
// Playwright build both write the site's generated types in .astro/.
const CHECKS = ['lint', 'lint:imports', 'check'];
const checkRuns = CHECKS.map((script) => start('npm', ['run', '--silent', script], { held: true }));
const failedChecks = [];
for (const [index, check] of checkRuns.entries()) {
  const code = await check.exited;
  check.release();
  if (code !== 0) failedChecks.push(CHECKS[index]);
}
for (const script of failedChecks) console.error(`npm run ${script} failed`);

// Together, because they need different things: vitest keeps both cores busy with builds, while
// Playwright's longest path is mostly waiting (held emulator answers, lapsing leases, the 60 s
// in-flight grace of a retried publish). They share nothing: vitest builds copies of the site in
// temp dirs, Playwright builds this one. Playwright's output is held back until vitest is done,
// so each runner's output reads in one piece.
const vitestRun = start('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/vitest.json',
]);
const playwrightRun = start('playwright', ['test'], { held: true });
const vitest = await vitestRun.exited;
playwrightRun.release();
const playwright = await playwrightRun.exited;

rmSync(derivedImages, { recursive: true, force: true });

const checks = { passed: CHECKS.length - failedChecks.length, failed: failedChecks.length };
const totals = [checks, readVitest(vitest), readPlaywright(playwright)].reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
}));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && vitest === 0 && playwright === 0 ? 0 : 1);

/** A runner whose output is written as it comes, or, `held`, kept until `release()`. */
function start(command, args, { held = false } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let kept = held ? [] : undefined;
  const forward = (stream) => (chunk) => (kept ? kept.push([stream, chunk]) : stream.write(chunk));
  child.stdout.on('data', forward(process.stdout));
  child.stderr.on('data', forward(process.stderr));
  return {
    exited: once(child, 'close').then(([code]) => code ?? 1),
    release() {
      for (const [stream, chunk] of kept ?? []) stream.write(chunk);
      kept = undefined;
    },
  };
}

// A file that failed to load counts once; a file whose tests failed adds nothing to their count.
// A runner that exits non-zero with no failure in its report (a crash, an unhandled error) counts
// as one failure, not as zero.
function readVitest(status) {
  try {
    const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    const brokenFiles = report.testResults.filter(
      (file) =>
        file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
    ).length;
    const failed = report.numFailedTests + brokenFiles;
    return { passed: report.numPassedTests, failed: failed || (status === 0 ? 0 : 1) };
  } catch {
    return { passed: 0, failed: status === 0 ? 0 : 1 };
  }
}

function readPlaywright(status) {
  try {
    const { stats, errors } = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    // Errors outside any test (a web server that did not start, a broken config) fail the run.
    const outside = (errors?.length ?? 0) > 0 || status !== 0 ? 1 : 0;
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected || outside };
  } catch {
    return { passed: 0, failed: status === 0 ? 0 : 1 };
  }
}

function installChromium() {
  console.log(`${chromium} is missing: installing Debian's chromium for the browser tests…`);
  const apt = (...args) => {
    const [command, ...rest] =
      process.getuid?.() === 0 ? ['apt-get', ...args] : ['sudo', 'apt-get', ...args];
    return spawnSync(command, rest, { stdio: 'inherit' }).status === 0;
  };
  if (!(apt('update') && apt('install', '-y', 'chromium')) || !existsSync(chromium)) {
    console.error(
      'Could not install chromium. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
}
