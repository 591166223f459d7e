import type { APIRoute } from 'astro';
import { redirect } from '../respond.ts';

export const prerender = false;

/** POST /api/admin/logout */
export const POST: APIRoute = async (context) => {
  context.session?.destroy();
  return redirect('/admin/login?notice=logged_out');
};
