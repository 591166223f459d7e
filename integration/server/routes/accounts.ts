import type { APIRoute } from 'astro';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** GET /api/instagram/accounts: connected accounts, never their tokens. */
export const GET: APIRoute = async () => {
  const { store } = await getServices();
  const accounts = (await store.listAccounts()).map(({ token: _token, ...account }) => account);
  return json({ accounts });
};
