import type { APIRoute } from 'astro';
import { EMBED_SNIPPET } from './snippet.ts';

/** `/embed.js`: the one-line embed for any site (see snippet.ts). */
export const GET: APIRoute = () =>
  new Response(EMBED_SNIPPET, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
