import type { APIRoute } from 'astro';
import { readSignedMedia } from '../../publish/media-host.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** GET /api/media/<file>?exp=…&sig=…: a prepared file Instagram fetches while publishing. */
export const GET: APIRoute = async ({ params, url }) => {
  const { mediaKey, mediaDir } = await getServices();
  const found = await readSignedMedia(
    { dir: mediaDir, key: mediaKey },
    params.file ?? '',
    url.searchParams.get('exp'),
    url.searchParams.get('sig'),
  );
  if (typeof found === 'string') {
    const status = found === 'not_found' ? 404 : found === 'expired' ? 410 : 403;
    return new Response(found, { status, headers: { 'content-type': 'text/plain' } });
  }
  return new Response(Buffer.from(found.bytes), {
    headers: { 'content-type': found.contentType, 'cache-control': 'private, max-age=3600' },
  });
};
