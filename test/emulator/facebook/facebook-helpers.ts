import type { RunningEmulator } from '../../../integration/emulator/index.ts';
import { get } from '../oauth/oauth-helpers.ts';

/** The demo seed's Meta app (Facebook Login). */
export const FB_APP_ID = '990000000000002';
export const FB_APP_SECRET = 'emulator-facebook-app-secret';
export const FB_REDIRECT_URI = 'https://app.example/auth/facebook/callback';
export const FB_TOKEN_SHAPE = /^EAA[A-Za-z0-9]{150}$/;
export const FB_SCOPES =
  'instagram_basic,instagram_content_publish,instagram_manage_insights,pages_show_list,pages_read_engagement';

/** A URL on the emulator's graph.facebook.com, with `access_token` when given. */
export function fbUrl(
  emulator: RunningEmulator,
  path: string,
  query: Record<string, string | number | null> = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== null) params.set(name, String(value));
  return `${emulator.facebookGraphBase}${path}?${params}`;
}

/** The dialog URL with working defaults; a `null` value leaves that parameter out. */
export function dialogUrl(
  emulator: RunningEmulator,
  params: Record<string, string | null> = {},
): string {
  return fbUrl(emulator, '/dialog/oauth', {
    client_id: FB_APP_ID,
    redirect_uri: FB_REDIRECT_URI,
    scope: FB_SCOPES,
    state: 'csrf-fb',
    ...params,
  });
}

/** A dialog code through auto-consent, `#_=_` stripped. */
export async function facebookCode(
  emulator: RunningEmulator,
  params: Record<string, string | null> = {},
): Promise<string> {
  const { status, location } = await get(
    dialogUrl(emulator, { emulator_auto: 'allow', ...params }),
  );
  if (status !== 302 || !location) throw new Error(`dialog answered ${status}, not a redirect`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export function codeExchangeUrl(
  emulator: RunningEmulator,
  code: string,
  params: Record<string, string | null> = {},
): string {
  return fbUrl(emulator, '/oauth/access_token', {
    client_id: FB_APP_ID,
    client_secret: FB_APP_SECRET,
    redirect_uri: FB_REDIRECT_URI,
    code,
    ...params,
  });
}

export function exchangeUrl(
  emulator: RunningEmulator,
  token: string,
  params: Record<string, string | null> = {},
): string {
  return fbUrl(emulator, '/oauth/access_token', {
    grant_type: 'fb_exchange_token',
    client_id: FB_APP_ID,
    client_secret: FB_APP_SECRET,
    fb_exchange_token: token,
    ...params,
  });
}
