import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { TokenLifecycleError } from '../../tokens/index.ts';
import { ACCOUNT_ID, FLAG } from '../input-fields.ts';
import { refreshNotice, refusedRefreshNotice } from '../refresh-notice.ts';
import { parseRequest } from '../request-input.ts';
import { backToAdmin, json, jsonError, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const fields = z.looseObject({ account: ACCOUNT_ID.optional(), if_due: FLAG.optional() });
const schema = {
  query: fields,
  body: fields.optional(),
  usage:
    'Send { account?: <Instagram user id>, if_due?: 1 } as JSON or a form, or as the query, or nothing to refresh every account.',
};

/**
 * POST /api/instagram/token/refresh: refresh now. `account` (IG user id) picks one account,
 * else every connected account; `if_due=1` refreshes only tokens within IG_REFRESH_LEAD_DAYS.
 * The body's fields win over the query's.
 */
export const POST: APIRoute = async (context) => {
  const { request, session } = context;
  const { query, body } = await parseRequest(schema, context);
  const { account, if_due: ifDue = false } = { ...query, ...body };
  const { tokens, store } = await getServices();
  const ids = account ? [account] : (await store.listAccounts()).map((a) => a.userId);
  if (ids.length === 0)
    return jsonError(
      404,
      'no_accounts',
      'No Instagram account is connected. Connect one in /admin.',
    );
  const html = wantsHtml(request);
  // Read before the refresh, for the page's notice: the names, and when a young token may be.
  const before = html ? await tokens.statuses() : [];
  try {
    const results = await Promise.all(ids.map((id) => tokens.refresh(id, { ifDue })));
    if (!html) return json({ results });
    const notice = refreshNotice(results, before);
    return backToAdmin(session, notice.message, notice.kind);
  } catch (error) {
    if (!TokenLifecycleError.is(error)) throw error;
    if (!html) return jsonError(error.status, error.code, error.message);
    const refused = account ?? (ids.length === 1 ? ids[0] : undefined);
    const notice = refusedRefreshNotice(error, refused, before);
    return backToAdmin(session, notice?.message ?? error.message, notice?.kind ?? 'error');
  }
};
