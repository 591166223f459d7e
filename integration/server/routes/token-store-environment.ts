import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { GraphError, redact } from '../../graph/index.ts';
import { AccountMismatchError, storeEnvironmentToken } from '../../oauth/index.ts';
import { ACCOUNT_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { backToAdmin, json, jsonError, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';
import { serverLog } from '../../shared/log.ts';

export const prerender = false;

const schema = {
  body: z.looseObject({ account: ACCOUNT_ID }),
  usage:
    'Send { account: <Instagram user id> } as JSON or a form: the account of IG_ACCESS_TOKEN, as GET /api/instagram/token/status lists it.',
};

/**
 * POST /api/instagram/token/store-environment { account }: stores IG_ACCESS_TOKEN, encrypted, as
 * a connected account, the way connecting through Instagram does. `account` is the user id the
 * admin was shown; a token of another account is refused (409) and nothing is stored.
 */
export const POST: APIRoute = async (context) => {
  const { request, session } = context;
  const { body } = await parseRequest(schema, context);
  const { options, config, store } = await getServices();
  const answer = (status: number, code: string, message: string) =>
    wantsHtml(request)
      ? backToAdmin(session, message, status < 300 ? 'ok' : 'error')
      : jsonError(status, code, message);
  const token = options.instagram.accessToken;
  if (!token)
    return answer(
      409,
      'no_environment_token',
      'IG_ACCESS_TOKEN is not set: there is no token to store.',
    );
  try {
    const account = await storeEnvironmentToken(
      token,
      { graphBase: config.graphBase, expectedUserId: body.account },
      store,
    );
    const message = `Stored @${account.username} from IG_ACCESS_TOKEN as a connected account.`;
    if (wantsHtml(request)) return backToAdmin(session, message);
    return json({ account: { userId: account.userId, username: account.username } }, 201);
  } catch (error) {
    if (AccountMismatchError.is(error)) return answer(409, 'account_mismatch', error.message);
    if (!(error instanceof GraphError)) throw error;
    const detail = redact(error.message);
    serverLog.error(`storing the account of IG_ACCESS_TOKEN failed: ${detail}`);
    return error.category === 'auth'
      ? answer(409, 'token_refused', `Instagram refused IG_ACCESS_TOKEN: ${detail}`)
      : answer(502, 'instagram_unavailable', `Instagram did not answer: ${detail}. Try again.`);
  }
};
