import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import instagramSync, { unlistedEventPaths } from './integration/index.ts';
import syncOptions from './instagram-sync.config.ts';

const unlisted = await unlistedEventPaths(syncOptions);

export default defineConfig({
  site: process.env.PUBLIC_BASE_URL ?? 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    instagramSync(syncOptions),
    sitemap({ filter: (page) => !unlisted.some((path) => new URL(page).pathname.startsWith(path)) }),
  ],
  devToolbar: { enabled: false },
});
