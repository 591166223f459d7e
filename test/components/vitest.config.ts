import { getViteConfig } from 'astro/config';
import { FIXTURE_ROOT } from './fixture-site.ts';

/**
 * The component tests run inside Astro's Vite setup (for .astro files, astro:content and
 * astro:assets), rooted at the fixture project whose collections they render.
 */
export default getViteConfig(
  {
    test: {
      name: 'components',
      dir: import.meta.dirname,
      include: ['**/*.test.ts'],
      globalSetup: [`${import.meta.dirname}/sync-fixture.ts`],
      css: true,
      testTimeout: 30_000,
      hookTimeout: 180_000,
    },
  },
  { root: FIXTURE_ROOT, logLevel: 'error', devToolbar: { enabled: false } },
);
