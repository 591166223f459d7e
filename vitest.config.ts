import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Integration tests start servers on random ports and write to temp dirs; files run in parallel.
    pool: 'forks',
  },
});
