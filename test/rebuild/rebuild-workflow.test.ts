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
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

/**
 * The example workflow's own commands, run in order on a copy of the site whose state
 * database holds an account with a token due for refresh.
 */
const workflow = parseYaml(
  await readFile(path.join(ROOT, '.github/workflows/rebuild.yml'), 'utf8'),
);
const steps: { name?: string; run?: string }[] = workflow.jobs.rebuild.steps;
const commands = steps
  .filter((step) => step.run && step.name !== 'Install' && step.name !== 'Deploy')
  .map((step) => step.run!.trim());

let site: Awaited<ReturnType<typeof copySite>>;
let emulator: RunningEmulator;

beforeAll(async () => {
  site = await copySite(path.join(ROOT, 'test/fixtures/other-site/content'));
  emulator = await startEmulator();
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
  };
  const [refresh, build] = [
    await sh(commands[0]!, site.root, env),
    await sh(commands[1]!, site.root, env),
  ];
  expect(refresh.code, refresh.output).toBe(0);
  expect(refresh.output).toMatch(/17841400000000001: refreshed, valid until/);
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
