import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { GITHUB_EVENT_TYPE } from '../../integration/rebuild/index.ts';
import { openSqliteStore, TokenCipher } from '../../integration/store/index.ts';
import { copySite, ROOT } from '../../harness/site-copy.ts';
import { DAY, TEST_KEY } from '../helpers/token-harness.ts';
import { startFakeGithubApi, type FakeGithubApi } from '../helpers/fake-github-api.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

/**
 * The example workflow's own commands, run in order on a copy of the site whose state
 * database holds an account with a token due for refresh.
 */
const workflow = parseYaml(
  await readFile(path.join(ROOT, '.github/workflows/rebuild.yml'), 'utf8'),
);
interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
}
const steps: Step[] = workflow.jobs.rebuild.steps;
const FAIL_STEP = 'Fail the run when the refresh or its write-back failed';
const commands = steps
  .filter((step) => step.run && !['Install', 'Deploy', FAIL_STEP].includes(step.name ?? ''))
  .map((step) => step.run!.trim());

let site: Awaited<ReturnType<typeof copySite>>;
let emulator: RunningEmulator;
let github: FakeGithubApi;

beforeAll(async () => {
  site = await copySite(path.join(ROOT, 'test/fixtures/other-site/content'));
  emulator = await startEmulator();
  github = await startFakeGithubApi();
  const dbPath = path.join(site.root, '.data/state.db');
  await mkdir(path.dirname(dbPath), { recursive: true });
  const store = await openSqliteStore({
    path: dbPath,
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  const now = emulator.control.now();
  const token = emulator.control.issueToken({
    kind: 'long',
    username: 'northlight.events',
    issuedAt: now - 55 * DAY,
    expiresAt: now + 5 * DAY,
  });
  await store.saveAccount({
    userId: '17841400000000001',
    username: 'northlight.events',
    scopes: ['instagram_business_basic'],
    token,
    tokenIssuedAt: new Date(now - 55 * DAY).toISOString(),
    tokenExpiresAt: new Date(now + 5 * DAY).toISOString(),
    refreshedAt: null,
    connectedAt: new Date(now - 55 * DAY).toISOString(),
    source: 'oauth',
  });
  await store.close();
}, 60_000);

afterAll(async () => {
  await github?.close();
  await emulator?.close();
  await site?.remove();
});

it("runs on the schedule, by hand, and on the server's repository_dispatch (the event type the rebuild hook sends)", () => {
  expect(Object.keys(workflow.on)).toEqual([
    'schedule',
    'workflow_dispatch',
    'repository_dispatch',
  ]);
  expect(workflow.on.repository_dispatch).toEqual({ types: [GITHUB_EVENT_TYPE] });
  // Requests arriving during a build wait for it instead of cancelling it.
  expect(workflow.concurrency).toEqual({ group: 'rebuild', 'cancel-in-progress': false });
});

it('the workflow refreshes a due token, then builds from the stored account', async () => {
  expect(commands).toEqual(['npm run ig -- token refresh --if-due', 'npm run build']);
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    INSTAGRAM_APP_SECRET: 'emulator-app-secret',
    INSTAGRAM_GRAPH_BASE: emulator.graphBase,
    IG_ACCESS_TOKEN: '',
    // What the workflow's env gives them for the repository acme/site (checked below).
    IG_TOKEN_WRITE_BACK: 'github:acme/site/IG_ACCESS_TOKEN',
    IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: github.authToken,
    GITHUB_API_URL: github.url, // GitHub Actions sets it
  };
  const [refresh, build] = [
    await sh(commands[0]!, site.root, env),
    await sh(commands[1]!, site.root, env),
  ];
  expect(refresh.code, refresh.output).toBe(0);
  expect(refresh.output).toMatch(/17841400000000001: refreshed, valid until/);
  expect(refresh.output).toContain(
    'token write-back: wrote the token of @northlight.events (17841400000000001) to the GitHub Actions secret IG_ACCESS_TOKEN of acme/site',
  );
  expect(emulator.control.counts().byRoute['GET /refresh_access_token']).toBe(1);

  expect(build.code, build.output).toBe(0);
  expect(build.output).toContain('Instagram (@northlight.events)');
  expect(build.output).not.toContain('Demo mode');
  expect(`${refresh.output}\n${build.output}`).not.toMatch(/IGAA[A-Za-z0-9]{20}/);

  // The build kept the account's Graph usage for /admin.
  const store = await openSqliteStore({
    path: path.join(site.root, '.data/state.db'),
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  const account = await store.getAccount('17841400000000001');
  await store.close();
  expect(account?.lastUsage?.businessPercent).toBeTypeOf('number');
  // The IG_ACCESS_TOKEN secret the next build reads holds the refreshed token (the fake opened
  // the sealed box with the repository's secret key).
  expect(github.secrets.get('acme/site/IG_ACCESS_TOKEN')).toBe(account!.token);
  expect(`${refresh.output}\n${build.output}`).not.toContain(account!.token);
});

/** A GitHub Actions expression as the workflow file spells it. */
const actions = (expression: string) => `\${{ ${expression} }}`;

it('writes the refreshed token into IG_ACCESS_TOKEN once IG_TOKEN_WRITE_BACK_GITHUB_TOKEN is set', () => {
  const env = workflow.jobs.rebuild.env;
  expect(env.IG_TOKEN_WRITE_BACK).toBe(
    actions(
      "secrets.IG_TOKEN_WRITE_BACK_GITHUB_TOKEN != '' && format('github:{0}/IG_ACCESS_TOKEN', github.repository) || ''",
    ),
  );
  expect(env.IG_TOKEN_WRITE_BACK_GITHUB_TOKEN).toBe(
    actions('secrets.IG_TOKEN_WRITE_BACK_GITHUB_TOKEN'),
  );
  expect(env.IG_ACCESS_TOKEN).toBe(actions('secrets.IG_ACCESS_TOKEN'));
});

it('a failed write-back still builds and saves the state that remembers it, then fails the run', () => {
  const names = steps.map((step) => step.name ?? step.uses);
  const at = (name: string) => names.indexOf(name);
  const refresh = steps[at('Refresh the Instagram token if due')]!;
  expect(refresh).toMatchObject({ id: 'refresh', 'continue-on-error': true });
  const restore = steps[at('Restore the state and caches')]!;
  const save = steps[at('Save the state and caches')]!;
  expect(restore.uses).toBe('actions/cache/restore@v4');
  expect(save.uses).toBe('actions/cache/save@v4');
  expect(save.with?.path).toBe(restore.with?.path);
  expect(save.with?.path).toContain('.data');
  expect(save.with?.key).toBe(restore.with?.key);
  expect(save.if).toBeUndefined(); // runs after a failed refresh: the step continued on error
  const fail = steps[at(FAIL_STEP)]!;
  expect(fail.if).toBe("steps.refresh.outcome == 'failure'");
  expect(fail.run).toMatch(/exit 1\s*$/);
  expect(at('Restore the state and caches')).toBeLessThan(at('Refresh the Instagram token if due'));
  expect(at('Sync and build')).toBeLessThan(at('Save the state and caches'));
  expect(at(FAIL_STEP)).toBe(steps.length - 1);
});

function sh(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: {
        ...process.env,
        PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
        ASTRO_TELEMETRY_DISABLED: '1',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}
