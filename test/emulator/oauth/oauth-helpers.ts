import { FormData, request } from 'undici';
import type { RunningEmulator } from '../../../integration/emulator/index.ts';

/** The demo seed's app. */
export const APP_ID = '990000000000001';
export const APP_SECRET = 'emulator-app-secret';
export const REDIRECT_URI = 'https://app.example/auth/instagram/callback';
export const TOKEN_SHAPE = /^IGAA[A-Za-z0-9]{150}$/;

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The Location header, when there is one. */
  location?: string;
}

async function answer(pending: ReturnType<typeof request>): Promise<RawAnswer> {
  const response = await pending;
  const location = response.headers.location;
  return {
    status: response.statusCode,
    headers: response.headers,
    text: await response.body.text(),
    location: location as string | undefined,
  };
}

/** A GET that does not follow redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return answer(request(url, { headers }));
}

/** POST `application/x-www-form-urlencoded`, or `multipart/form-data` when asked. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  encoding: 'urlencoded' | 'multipart' = 'urlencoded',
): Promise<RawAnswer> {
  if (encoding === 'multipart') {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return answer(request(url, { method: 'POST', body: form }));
  }
  const body = new URLSearchParams(fields).toString();
  return answer(
    request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

/** The authorize URL with working defaults; a `null` value leaves that parameter out. */
export function authorizeUrl(
  emulator: RunningEmulator,
  params: Record<string, string | null> = {},
  prefix = '',
): string {
  const defaults = {
    client_id: APP_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'instagram_business_basic,instagram_business_manage_insights',
    state: 'csrf-123',
  };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...defaults, ...params }))
    if (value !== null) query.set(name, value);
  return `${emulator.origin}${prefix}/oauth/authorize?${query}`;
}

/** An authorization code through auto-consent (no page), `#_` stripped. */
export async function authorizationCode(
  emulator: RunningEmulator,
  params: Record<string, string | null> = {},
): Promise<string> {
  const { status, location } = await get(
    authorizeUrl(emulator, { emulator_auto: 'allow', ...params }),
  );
  if (status !== 302 || !location) throw new Error(`authorize answered ${status}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export function exchangeCode(
  emulator: RunningEmulator,
  code: string,
  fields: Record<string, string> = {},
  encoding?: 'urlencoded' | 'multipart',
) {
  const defaults = {
    client_id: APP_ID,
    client_secret: APP_SECRET,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
    code,
  };
  return postForm(`${emulator.origin}/oauth/access_token`, { ...defaults, ...fields }, encoding);
}

/** A short-lived token through the whole authorize → code → token flow. */
export async function shortLivedToken(
  emulator: RunningEmulator,
  params: Record<string, string | null> = {},
): Promise<string> {
  const { text } = await exchangeCode(emulator, await authorizationCode(emulator, params));
  return (JSON.parse(text) as { access_token: string }).access_token;
}

export function exchangeUrl(
  emulator: RunningEmulator,
  token: string,
  query: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    grant_type: 'ig_exchange_token',
    client_secret: APP_SECRET,
    access_token: token,
    ...query,
  });
  return `${emulator.origin}/access_token?${params}`;
}

export function refreshUrl(
  emulator: RunningEmulator,
  token: string,
  query: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    grant_type: 'ig_refresh_token',
    access_token: token,
    ...query,
  });
  return `${emulator.origin}/refresh_access_token?${params}`;
}

export interface ParsedForm {
  method: string;
  action: string;
  /** Hidden fields, by name. */
  hidden: Record<string, string>;
  accounts: { value: string; checked: boolean; label: string }[];
  buttons: { name: string; value: string; text: string }[];
}

/** Reads the consent page's form the way a browser without script would. */
export function parseConsentForm(html: string): ParsedForm {
  const form = /<form\b([^>]*)>/.exec(html);
  if (!form) throw new Error('no <form> on the page');
  const formAttributes = attributes(form[1] ?? '');
  const inputs = [...html.matchAll(/<input\b([^>]*)>/g)].map((m) => attributes(m[1] ?? ''));
  const labels = Object.fromEntries(
    [...html.matchAll(/<label for="([^"]+)">([\s\S]*?)<\/label>/g)].map((m) => [
      m[1],
      text(m[2] ?? ''),
    ]),
  );
  return {
    method: formAttributes.method ?? 'get',
    action: formAttributes.action ?? '',
    hidden: Object.fromEntries(
      inputs.filter((i) => i.type === 'hidden').map((i) => [i.name ?? '', i.value ?? '']),
    ),
    accounts: inputs
      .filter((i) => i.type === 'radio' && i.name === 'account')
      .map((i) => ({
        value: i.value ?? '',
        checked: 'checked' in i,
        label: labels[i.id ?? ''] ?? '',
      })),
    buttons: [...html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((m) => {
      const a = attributes(m[1] ?? '');
      return { name: a.name ?? '', value: a.value ?? '', text: text(m[2] ?? '') };
    }),
  };
}

/** The fields a browser submits when the given button is pressed with the given account chosen. */
export function submission(
  form: ParsedForm,
  button: 'allow' | 'deny',
  account?: string,
): Record<string, string> {
  const chosen = account ?? form.accounts.find((a) => a.checked)?.value ?? '';
  const pressed = form.buttons.find((b) => b.value === button);
  if (!pressed) throw new Error(`no ${button} button`);
  return { ...form.hidden, account: chosen, [pressed.name]: pressed.value };
}

function attributes(source: string): Record<string, string> {
  return Object.fromEntries(
    [...source.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [
      m[1] ?? '',
      unescapeHtml(m[2] ?? ''),
    ]),
  );
}

function text(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function unescapeHtml(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
