import type { APIRoute } from 'astro';
import { AnalyticsInputError } from '../../analytics/index.ts';
import { redact } from '../../graph/index.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/**
 * GET /api/instagram/analytics?account=&since=YYYY-MM-DD&until=YYYY-MM-DD[&fresh=1]: the
 * account's analytics payload (see integration/analytics/payload.ts), cached 5 minutes.
 */
export const GET: APIRoute = async ({ url }) => {
  const { analytics } = await getServices();
  try {
    return json(await analytics.payload(url.searchParams), 200, { 'cache-control': 'private, no-store' });
  } catch (error) {
    if (AnalyticsInputError.is(error)) return jsonError(400, `invalid_${error.parameter}`, error.message);
    if (!(error instanceof Error && error.name === 'GraphError')) throw error;
    return jsonError(502, 'instagram_unavailable', `Instagram did not answer, and there is no earlier payload to show: ${redact(error.message)}`);
  }
};
