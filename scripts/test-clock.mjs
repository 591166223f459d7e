// `npm run test:clock -- <time> [date] [test files…]`: the vitest `node` project with the system
// clock set by libfaketime (Debian: `apt-get install faketime`), in UTC, to prove that no test
// depends on the time of day. The clock starts at the given moment and runs on from there.
//   npm run test:clock -- 00:30                  2026-12-08 00:30 UTC
//   npm run test:clock -- 23:30 2026-12-31       a year's last half hour
//   npm run test:clock -- 09:30 2027-03-14 test/analytics   (the US switch to summer time)
// Without test files it runs every file of the project except the whole-site builds, which take
// minutes and read no clock of their own.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const SLOW = [
  'test/site/',
  'test/package/',
  'test/embed/embed-build.test.ts',
  'test/rebuild/rebuild-workflow.test.ts',
];

const [time, ...rest] = process.argv.slice(2);
if (!time || !/^\d\d:\d\d(:\d\d)?$/.test(time)) {
  console.error('usage: npm run test:clock -- <HH:MM> [YYYY-MM-DD] [test files…]');
  process.exit(2);
}
const date = /^\d{4}-\d\d-\d\d$/.test(rest[0] ?? '') ? rest.shift() : '2026-12-08';
const moment = `${date} ${time.length === 5 ? `${time}:00` : time}`;
const files =
  rest.length > 0 ? rest : testFiles('test').filter((f) => !SLOW.some((s) => f.startsWith(s)));

if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).error) {
  console.error('faketime is missing: apt-get install faketime (libfaketime)');
  process.exit(2);
}
const env = { ...process.env, TZ: 'UTC' };
const seen = spawnSync(
  'faketime',
  [moment, process.execPath, '-e', 'console.log(new Date().toISOString())'],
  {
    env,
    encoding: 'utf8',
  },
);
console.log(`clock: ${moment} UTC; node sees ${seen.stdout.trim()}`);
const run = spawnSync('faketime', [moment, 'npx', 'vitest', 'run', '--project', 'node', ...files], {
  stdio: 'inherit',
  env,
});
process.exit(run.status ?? 1);

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory())
      return file === 'test/e2e' || file === 'test/components' ? [] : testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}
