import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e-local',
  fullyParallel: true,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright-local.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The demo build (no credentials: demo mode against the emulator), served by the Node adapter.
    command: `npm run build && HOST=127.0.0.1 PORT=${PORT} node dist/server/entry.mjs`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 300_000,
    reuseExistingServer: true,
    env: { IG_ACCESS_TOKEN: '', INSTAGRAM_ACCESS_TOKEN: '', PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}` },
  },
});
