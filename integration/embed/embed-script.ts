import type { APIRoute } from 'astro';
import snippet from './snippet.js?raw';

/** `/embed.js`: the one-line embed for any site (see snippet.js). */
export const GET: APIRoute = () => new Response(snippet, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
