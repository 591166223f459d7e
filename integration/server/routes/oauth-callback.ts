import type { APIRoute } from 'astro';
import { GraphError } from '../../graph/index.ts';
import { connectWithCode } from '../../oauth/index.ts';
import {
  checkState,
  PENDING_STATE_KEY,
  type PendingState,
  type StateCheck,
} from '../oauth-state.ts';
import { oauthSettings } from '../oauth-settings.ts';
import { backToAdmin, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { serverLog } from '../../shared/log.ts';

export const prerender = false;

const STATE_PROBLEMS: Record<Exclude<StateCheck, 'ok'>, string> = {
  missing: 'The answer from Instagram has no state.',
  malformed: 'The state in the answer from Instagram is not one this site made.',
  bad_signature:
    'The state in the answer from Instagram was altered or belongs to another session.',
  expired: 'The connection took longer than 10 minutes.',
  not_pending: 'This connection was already completed or cancelled.',
};

/** GET /api/instagram/oauth/callback: Instagram sends the admin back here with a code or an error. */
export const GET: APIRoute = async ({ url, session }) => {
  const services = await getServices();
  const settings = oauthSettings(services.config);
  if (!settings)
    return jsonError(
      503,
      'not_configured',
      'Set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET to connect accounts.',
    );
  const pending = (await session?.get(PENDING_STATE_KEY)) as PendingState | undefined;
  session?.delete(PENDING_STATE_KEY); // single use, whatever happens next
  const check = checkState(
    services.stateKey,
    session?.sessionID ?? '',
    url.searchParams.get('state'),
    pending,
  );
  if (check !== 'ok') {
    return problemPage(
      400,
      'Connection refused',
      `${STATE_PROBLEMS[check]} Nothing was connected; start again from /admin.`,
    );
  }
  if (url.searchParams.get('error')) {
    const denied = url.searchParams.get('error') === 'access_denied';
    return backToAdmin(
      session,
      denied
        ? 'Instagram connection cancelled: nothing was connected.'
        : `Instagram said: ${url.searchParams.get('error_description') ?? url.searchParams.get('error')}`,
      denied ? 'ok' : 'error',
    );
  }
  const code = url.searchParams.get('code');
  if (!code)
    return problemPage(
      400,
      'Connection refused',
      'The answer from Instagram has no code. Start again from /admin.',
    );
  try {
    const account = await connectWithCode(code, settings, services.store);
    return backToAdmin(session, `Connected @${account.username}.`);
  } catch (error) {
    const detail = error instanceof GraphError ? error.message : 'an unexpected error';
    serverLog.error(`connecting an account failed: ${detail}`);
    return backToAdmin(session, `Connecting the account failed: ${detail}. Try again.`, 'error');
  }
};

function problemPage(status: number, title: string, message: string): Response {
  const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/admin">Back to the admin</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
