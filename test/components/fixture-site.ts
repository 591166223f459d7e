import path from 'node:path';

/** The small Astro project the component tests render against. */
export const FIXTURE_ROOT = path.resolve(import.meta.dirname, '../fixtures/components-site');
