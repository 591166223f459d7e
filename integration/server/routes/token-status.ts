import type { APIRoute } from 'astro';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/**
 * GET /api/instagram/token/status: per account in use, where its token stands. The accounts are
 * those the builds use, in their order: the stored ones; with none, the account of
 * IG_ACCESS_TOKEN, marked `source: "environment"`. `environment` says whether IG_ACCESS_TOKEN is
 * set, whether it is the token in use, and why its account could not be looked up; never the
 * token itself.
 */
export const GET: APIRoute = async () => {
  const { accounts, config } = await getServices();
  const statuses = await accounts.statuses(config.leadDays);
  const lookup = await accounts.environment();
  return json({
    accounts: statuses,
    environment: {
      configured: lookup.configured,
      usedForSync: lookup.configured && !statuses.some((status) => status.source === 'store'),
      ...('account' in lookup && {
        account: { userId: lookup.account.userId, username: lookup.account.username },
      }),
      ...('problem' in lookup && { problem: lookup.problem }),
    },
    refreshLeadDays: config.leadDays,
  });
};
