import { CDN_PATH, checkCdnUrl } from './cdn.ts';
import type { FileBytes } from './cdn-files.ts';
import { textReply, type Reply } from '../http/reply.ts';
import type { Store } from '../core/store.ts';

export interface CdnDeps {
  store: Store;
  files: FileBytes;
  now: () => number;
}

/** `GET /cdn/...`: the bytes behind a signed link, or the plain-text 403s scontent.cdninstagram.com answers. */
export async function cdnRoute(deps: CdnDeps, url: URL): Promise<Reply> {
  const check = checkCdnUrl(url, deps.now());
  if (check === 'bad-hash') return textReply(403, 'Bad URL hash');
  if (check === 'expired') return textReply(403, 'URL signature expired');
  const asset = url.pathname.startsWith(CDN_PATH)
    ? deps.store.assets.get(url.pathname.slice(CDN_PATH.length))
    : undefined;
  if (!asset) return textReply(404, 'Not Found');
  return {
    status: 200,
    headers: {
      'content-type': asset.kind === 'video' ? 'video/mp4' : 'image/jpeg',
      // What scontent.cdninstagram.com sends: cacheable for two weeks, past the link's own expiry.
      'cache-control': 'max-age=1209600, no-transform',
      'accept-ranges': 'none',
      'access-control-allow-origin': '*',
    },
    body: await deps.files(asset),
  };
}
