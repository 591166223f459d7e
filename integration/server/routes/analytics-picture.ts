import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { getUser } from '../../graph/index.ts';
import { ACCOUNT_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { proxiedThumbnail } from '../thumbnails.ts';

export const prerender = false;

const schema = {
  query: z.looseObject({ account: ACCOUNT_ID }),
  usage: 'Send ?account=<Instagram user id> of a connected account.',
};

/** GET /api/instagram/analytics/picture?account=<id>: the account's profile picture, proxied. */
export const GET: APIRoute = async (context) => {
  const { account } = (await parseRequest(schema, context)).query;
  const client = await (await getServices()).clientFor(account);
  if (!client) return jsonError(404, 'not_found', `No connected account ${account}.`);
  // By id, not /me: on graph.facebook.com /me is the Facebook user, not the Instagram account.
  const profile = await getUser(client, account, 'id,profile_picture_url').catch(() => undefined);
  const picture = profile?.profile_picture_url;
  if (!picture) return jsonError(404, 'not_found', `Account ${account} has no profile picture.`);
  return proxiedThumbnail(picture, `The profile picture of ${account}`);
};
