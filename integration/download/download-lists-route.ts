import type { APIRoute } from 'astro';
import { downloadLists } from './download-list.ts';

/**
 * DOWNLOAD_LISTS_ROUTE: every event's ZIP entries, written by the build for the integration's
 * `astro:build:done` hook, which takes the file out of the client folder again (see write-downloads.ts).
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await downloadLists()), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
