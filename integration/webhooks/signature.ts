import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of the raw body under the app secret>`: Meta's `X-Hub-Signature-256`. */
export function signatureOf(appSecret: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Checks `X-Hub-Signature-256` against the body bytes exactly as they arrived: a body parsed and
 * re-serialised (by us or a proxy) no longer matches. Constant-time over the digest.
 */
export function hasValidSignature(
  appSecret: string,
  body: Uint8Array,
  header: string | null,
): boolean {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}
