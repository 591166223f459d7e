import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { AnalyticsInputError, postsCsv } from '../../analytics/index.ts';
import { redact } from '../../graph/index.ts';
import { ACCOUNT_ID, FLAG } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { cachedJson } from '../cached-json.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const DATE = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'expected a date as YYYY-MM-DD, e.g. 2026-04-29');
const schema = {
  query: z.looseObject({
    account: ACCOUNT_ID.or(z.literal('')).optional(),
    since: DATE.optional(),
    until: DATE.optional(),
    fresh: FLAG.optional(),
    format: z.enum(['csv', 'json', ''], 'expected csv or json').optional(),
  }),
  usage: 'Send ?account=<Instagram user id>&since=YYYY-MM-DD&until=YYYY-MM-DD[&format=csv|json].',
};

/**
 * GET /api/instagram/analytics?account=&since=YYYY-MM-DD&until=YYYY-MM-DD[&fresh=1][&format=csv|json]:
 * the account's analytics payload (see integration/analytics/payload.ts), cached 5 minutes;
 * `format=csv` or `format=json` gives its posts table as a download.
 */
export const GET: APIRoute = async (context) => {
  const { query } = await parseRequest(schema, context);
  const { analytics } = await getServices();
  try {
    const payload = await analytics.payload(context.url.searchParams);
    const format = query.format;
    if (format !== 'csv' && format !== 'json')
      return cachedJson(payload, context.request, { 'cache-control': 'private, no-store' });
    const file = `instagram-posts-${payload.account.username}-${payload.range.since}-${payload.range.until}.${format}`;
    const download = {
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'private, no-store',
    };
    if (format === 'json')
      return json(
        { account: payload.account.username, range: payload.range, posts: payload.posts },
        200,
        download,
      );
    return new Response(postsCsv(payload), {
      headers: { 'content-type': 'text/csv; charset=utf-8', ...download },
    });
  } catch (error) {
    if (AnalyticsInputError.is(error))
      return jsonError(400, `invalid_${error.parameter}`, error.message);
    if (!(error instanceof Error && error.name === 'GraphError')) throw error;
    return jsonError(
      502,
      'instagram_unavailable',
      `Instagram did not answer, and there is no earlier payload to show: ${redact(error.message)}`,
    );
  }
};
