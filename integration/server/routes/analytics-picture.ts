import type { APIRoute } from 'astro';
import { getMe } from '../../graph/index.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { proxiedThumbnail } from '../thumbnails.ts';

export const prerender = false;

/** GET /api/instagram/analytics/picture?account=<id>: the account's profile picture, proxied. */
export const GET: APIRoute = async ({ url }) => {
  const account = url.searchParams.get('account') ?? '';
  const client = /^\d{1,30}$/.test(account)
    ? await (await getServices()).clientFor(account)
    : undefined;
  if (!client) return jsonError(404, 'not_found', `No connected account ${account}.`);
  const picture = (await getMe(client).catch(() => undefined))?.profilePictureUrl;
  if (!picture) return jsonError(404, 'not_found', `Account ${account} has no profile picture.`);
  return proxiedThumbnail(picture, `The profile picture of ${account}`);
};
