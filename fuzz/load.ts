import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import { ADMIN_API_TOKEN, APP_SECRET, type Target } from './target.ts';

const CONCURRENCY = 16;

interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Loopback load for `ms`: 16 clients in a loop over a mix of cheap and expensive requests
 * (static page, token status, sources, a preview, signed webhooks, refused logins and bodies).
 */
export async function loadFor(
  target: Target,
  ms: number,
): Promise<{ requests: number; errors: number; serverErrors: number }> {
  const dispatcher = new Agent({ connections: CONCURRENCY });
  const bearer = { authorization: `Bearer ${ADMIN_API_TOKEN}` };
  const event = target.events[0] ?? 'none';
  const webhook = (n: number) => {
    const body = JSON.stringify({
      object: 'instagram',
      entry: [{ id: target.accountId, time: n, changes: [{ field: 'mentions', value: { n } }] }],
    });
    const signature = createHmac('sha256', APP_SECRET).update(body).digest('hex');
    return {
      method: 'POST' as const,
      path: '/api/instagram/webhook',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` },
      body,
    };
  };
  const mix: ((n: number) => LoadRequest)[] = [
    (_n: number) => ({ method: 'GET' as const, path: '/', headers: {} }),
    (_n: number) => ({
      method: 'GET' as const,
      path: '/api/instagram/token/status',
      headers: bearer,
    }),
    (_n: number) => ({
      method: 'GET' as const,
      path: `/api/publish/sources?event=${event}`,
      headers: bearer,
    }),
    (_n: number) => ({
      method: 'GET' as const,
      path: '/api/publish?status=failed',
      headers: bearer,
    }),
    webhook,
    (_n: number) => ({
      method: 'POST' as const,
      path: '/api/instagram/webhook',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    }),
    (_n: number) => ({
      method: 'POST' as const,
      path: `/api/guest/${event}/uploads`,
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: '[[[[[[]]]]]]',
    }),
  ];
  let requests = 0;
  let errors = 0;
  let serverErrors = 0;
  const until = Date.now() + ms;
  const client = async (offset: number) => {
    for (let n = offset; Date.now() < until; n += CONCURRENCY) {
      const next = (mix[n % mix.length] ?? webhook)(n);
      try {
        const { path, ...options } = next;
        const answer = await request(`${target.url}${path}`, { ...options, dispatcher });
        await answer.body.dump({ limit: 4 * 1024 * 1024 });
        if (answer.statusCode >= 500) serverErrors++;
      } catch {
        // An oversized body may be cut off after its 413: only count what the server dropped.
        if (!('body' in next && next.body instanceof Buffer)) {
          errors++;
        }
      }
      requests++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => client(i)));
  await dispatcher.close();
  return { requests, errors, serverErrors };
}
