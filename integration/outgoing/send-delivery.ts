import { request } from 'undici';

export interface SendResult {
  ok: boolean;
  responseCode?: number;
  /** Why it failed, safe to show (no secret, no body of the answer). */
  error?: string;
}

/**
 * One POST of a signed body. Success is any 2xx answer; a redirect is not followed (the
 * signature is for this URL). Never throws.
 */
export async function sendDelivery(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  try {
    const answer = await request(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'astro-instagram-sync-webhooks',
      },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await answer.body.dump();
    const code = answer.statusCode;
    if (code >= 200 && code <= 299) return { ok: true, responseCode: code };
    return { ok: false, responseCode: code, error: `the endpoint answered HTTP ${code}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    return { ok: false, error: `the endpoint could not be reached (${code})` };
  }
}
