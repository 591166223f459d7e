/**
 * IG_ACCESS_TOKEN as an account on /admin: with the token set and no account stored, /admin lists
 * its account "from IG_ACCESS_TOKEN", /admin/analytics shows it, and one click stores it as a
 * connected account, its token encrypted in the state db.
 *
 * The shared e2e server runs without IG_ACCESS_TOKEN, so this spec runs a server of its own
 * (port E2E_ENV_TOKEN_PORT, else a free one; its own state db) from the build the e2e server
 * uses, against an emulator of its own in this process.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { ADMIN_PASSWORD, serverEnv } from './server-env.ts';
import { NORTHLIGHT, ROOT } from './support.ts';
import { freePort } from '../../../harness/free-port.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

test.describe.configure({ mode: 'default', timeout: 300_000 });

let emulator: RunningEmulator;
let server: ServerProcess | undefined;
let url: string;
let stateDir: string;

test.beforeAll(async () => {
  emulator = await startEmulator();
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'ais-env-token-e2e-'));
  const port = Number(process.env.E2E_ENV_TOKEN_PORT ?? (await freePort()));
  server = await startServerProcess({
    cwd: ROOT,
    port,
    env: {
      ...serverEnv(emulator.origin),
      IG_ACCESS_TOKEN: emulator.demoToken,
      STATE_DB_PATH: path.join(stateDir, 'state.db'),
    },
  });
  url = server.url;
});

test.afterAll(async () => {
  await server?.stop();
  expect(server?.output() ?? '', 'no token in the server output').not.toContain(emulator.demoToken);
  await emulator?.close();
  await rm(stateDir, { recursive: true, force: true });
});

test('the account of IG_ACCESS_TOKEN is shown, used by analytics and stored with one click', async ({
  page,
}) => {
  await page.goto(`${url}/admin/login`);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(`${url}/admin`);

  const row = page.locator(`tr[data-account="${NORTHLIGHT.userId}"]`);
  await expect(row).toContainText(`@${NORTHLIGHT.username}`);
  await expect(row).toContainText('from IG_ACCESS_TOKEN');
  await expect(row.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  expect(await page.content(), 'the token never reaches the page').not.toContain(
    emulator.demoToken,
  );

  await page.goto(`${url}/admin/analytics`);
  await expect(page.getByText('No Instagram account is connected')).toHaveCount(0);
  await expect(page.getByRole('combobox').first()).toContainText(`@${NORTHLIGHT.username}`);

  await page.goto(`${url}/admin`);
  await row.getByRole('button', { name: 'Store as a connected account' }).click();
  await expect(page).toHaveURL(`${url}/admin`);
  await expect(
    page.getByText(`Stored @${NORTHLIGHT.username} from IG_ACCESS_TOKEN as a connected account.`),
  ).toBeVisible();
  await expect(row).not.toContainText('from IG_ACCESS_TOKEN');
  await expect(row.getByRole('button', { name: 'Disconnect' })).toBeVisible();

  const status = await page.request.get(`${url}/api/instagram/token/status`);
  expect(((await status.json()) as { accounts: { source: string }[] }).accounts).toEqual([
    expect.objectContaining({ userId: NORTHLIGHT.userId, source: 'store' }),
  ]);
  const names = (await readdir(stateDir)).filter((name) => name.startsWith('state.db'));
  const files = Buffer.concat(
    await Promise.all(names.map((n) => readFile(path.join(stateDir, n)))),
  );
  expect(files.includes(Buffer.from(emulator.demoToken)), 'no token bytes in the state db').toBe(
    false,
  );
});
