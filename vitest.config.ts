import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Integration tests start servers on random ports and write to temp dirs; files run in parallel.
    pool: 'forks',
    // Vitest's default leaves one core free: on a 2-core machine that is one file at a time, and
    // most files spend much of their time waiting on builds, servers and polls.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/components/**', 'test/store/**', 'node_modules/**'],
        },
      },
      // The state store's contract suite runs against sqlite and a real PostgreSQL: one throwaway
      // cluster per run, started only when a test of this project is queued.
      {
        extends: true,
        test: {
          name: 'store',
          include: ['test/store/**/*.test.ts'],
          globalSetup: ['test/helpers/postgres-global-setup.ts'],
        },
      },
      // Components render with Astro's container API inside Astro's own Vite setup.
      'test/components/vitest.config.ts',
    ],
  },
});
