// @ts-check
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import instagramSync, { unlistedEventPaths } from './integration/index.ts';
import syncOptions from './instagram-sync.config.ts';

const unlisted = await unlistedEventPaths(syncOptions);
const site = process.env.PUBLIC_BASE_URL ?? 'http://localhost:4321';
const local = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(site).hostname);

export default defineConfig({
  site,
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    instagramSync(syncOptions),
    // Embed pages are frame content and slideshows are for a screen at the event, not pages to land on.
    sitemap({
      filter: (page) => {
        const path = new URL(page).pathname;
        return (
          !path.endsWith('/slideshow/') &&
          !['/embed/', ...unlisted].some((prefix) => path.startsWith(prefix))
        );
      },
    }),
  ],
  devToolbar: { enabled: false },
  // The admin session cookie: httpOnly (always, in Astro), SameSite=Lax, Secure outside localhost.
  session: {
    cookie: { name: 'ais_admin', sameSite: 'lax', secure: !local, path: '/' },
    ttl: 60 * 60 * 12,
  },
});
