// `npm test`: every unit and integration test (vitest), then the browser tests (Playwright,
// Debian's Chromium), then one plain summary line with the real totals.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) installChromium();

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/playwright.json', { force: true });
const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
};
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;

const vitest = run('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/vitest.json',
]);
const playwright = run('playwright', ['test']);

const totals = [readVitest(), readPlaywright()].reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
}));
// A runner that crashed before writing its report counts as one failure, not as zero tests.
if (vitest !== 0 && totals.failed === 0) totals.failed++;
if (playwright !== 0 && totals.failed === 0) totals.failed++;
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(vitest === 0 && playwright === 0 ? 0 : 1);

function readVitest() {
  try {
    const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
    };
  } catch {
    return { passed: 0, failed: 0 };
  }
}

function readPlaywright() {
  try {
    const { stats } = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
  } catch {
    return { passed: 0, failed: 0 };
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
