import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Integration tests start servers on random ports and write to temp dirs; files run in parallel.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/components/**', 'node_modules/**'],
        },
      },
      // Components render with Astro's container API inside Astro's own Vite setup.
      'test/components/vitest.config.ts',
    ],
  },
});
