import { request } from 'undici';

export type FetchResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'unreachable' | 'timeout' | 'too-large' };

export interface FetchOptions {
  timeoutMs: number;
  /** Stop reading past this many bytes: the answer is then `too-large`. */
  maxBytes: number;
  /** Aborted when the emulator closes. */
  signal: AbortSignal;
}

// Meta "cURLs" media URLs (content publishing guide): a plain GET that follows no redirect, with
// the user agent of Meta's crawler, and the URL must be US-ASCII.
const USER_AGENT = 'facebookexternalhit/1.1';
const ASCII_URL = /^[\x21-\x7e]+$/;

/** The bytes behind a media URL, as Instagram's fetcher would get them: only a 200 counts. */
export async function fetchMedia(url: string, options: FetchOptions): Promise<FetchResult> {
  if (!isFetchableUrl(url)) return { ok: false, reason: 'unreachable' };
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const answer = await request(url, {
      method: 'GET',
      headers: { 'user-agent': USER_AGENT },
      signal: AbortSignal.any([timeout, options.signal]),
    });
    if (answer.statusCode !== 200) {
      await answer.body.dump();
      return { ok: false, reason: 'unreachable' };
    }
    const bytes = await readAtMost(answer.body, options.maxBytes);
    return bytes ? { ok: true, bytes } : { ok: false, reason: 'too-large' };
  } catch {
    return { ok: false, reason: timeout.aborted ? 'timeout' : 'unreachable' };
  }
}

function isFetchableUrl(url: string): boolean {
  if (!ASCII_URL.test(url) || !URL.canParse(url)) return false;
  const protocol = new URL(url).protocol;
  return protocol === 'http:' || protocol === 'https:';
}

/** The whole body, or undefined once it passes `maxBytes` (the rest is not read). */
async function readAtMost(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  maxBytes: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    if (length > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
