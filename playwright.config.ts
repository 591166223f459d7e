import { defineConfig, devices } from '@playwright/test';
import {
  CRASH_EMULATOR_PORT,
  CRASH_EMULATOR_URL,
  EMULATOR_PORT,
  EMULATOR_URL,
  SERVER_ENV,
  SERVER_LOG,
  SITE_PORT,
  SITE_URL,
  STATE_DB_PATH,
} from './test/e2e/admin/server-env.ts';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  // Hang guards, not speed checks: a loaded 2-core machine may well be several times slower.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // Two: with vitest beside it the machine is CPU-bound, and a third worker slowed the admin line
  // (the longest) more than it gained (CI 859 s against 734 s).
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: SITE_URL,
    // Hang guards: a click on something that is not there fails in a minute, not at the test's end.
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // The crash spec kills and restarts a server of its own against an emulator of its own, for
    // three minutes of held requests and lapsing leases: first, beside the other admin specs.
    {
      name: 'crash',
      testMatch: /admin\/publish-crash\.spec\.ts$/,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    // The admin specs share one server and one emulator (accounts, counters, clock): one worker, in order.
    {
      name: 'admin',
      testMatch: /admin\/.*\.spec\.ts$/,
      testIgnore: /admin\/(publish-crash|guest-uploads)\.spec\.ts$/,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    // The guest upload spec runs servers, storage and builds of its own (not the shared admin
    // server): beside the admin line, which it used to lengthen by two builds.
    {
      name: 'guest',
      testMatch: /admin\/guest-uploads\.spec\.ts$/,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      name: 'chromium',
      testIgnore: /admin\/.*\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: [
    {
      // The Instagram emulator (Graph API, Instagram Login, control API) the server talks to.
      command: 'node integration/emulator/cli.ts',
      url: `${EMULATOR_URL}/__control/requests`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { PORT: String(EMULATOR_PORT), HOST: '127.0.0.1' },
    },
    {
      // The crash spec's own emulator.
      command: 'node integration/emulator/cli.ts',
      url: `${CRASH_EMULATOR_URL}/__control/requests`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { PORT: String(CRASH_EMULATOR_PORT), HOST: '127.0.0.1' },
    },
    {
      // A fresh state db; the demo build (no IG_ACCESS_TOKEN, no stored account: demo mode with
      // its in-process emulator); then `npm start` (config check, token schedule, Node adapter)
      // against the emulator above, its output also written to SERVER_LOG for the leak test.
      command: [
        `rm -rf ${STATE_DB_PATH.replace(/\/[^/]+$/, '')} ${SERVER_LOG}`,
        'mkdir -p test-results',
        'npm run build',
        `HOST=127.0.0.1 PORT=${SITE_PORT} npm start 2>&1 | tee ${SERVER_LOG}`,
      ].join(' && '),
      url: `${SITE_URL}/`,
      timeout: 1_800_000, // a hang guard: a cold build on a busy 2-core machine can take many minutes
      reuseExistingServer: false,
      env: { ...SERVER_ENV, IG_ACCESS_TOKEN: '', INSTAGRAM_ACCESS_TOKEN: '' },
    },
  ],
});
