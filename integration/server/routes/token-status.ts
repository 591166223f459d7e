import type { APIRoute } from 'astro';
import { processEnv } from '../../shared/env.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/**
 * GET /api/instagram/token/status: per connected account, where its token stands. The
 * environment token (IG_ACCESS_TOKEN) is listed too; it is used only when no account is stored.
 */
export const GET: APIRoute = async () => {
  const { tokens, config } = await getServices();
  const accounts = await tokens.statuses();
  const env = processEnv();
  const environment = Boolean(env.IG_ACCESS_TOKEN || env.INSTAGRAM_ACCESS_TOKEN);
  return json({
    accounts,
    environment: { configured: environment, usedForSync: environment && accounts.length === 0 },
    refreshLeadDays: config.leadDays,
  });
};
