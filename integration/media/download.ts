import { request, type Dispatcher } from 'undici';

export interface DownloadOptions {
  /** Largest accepted body in bytes. */
  maxBytes: number;
  /** Accepted content types, e.g. /^(image|video)\//. */
  accept: RegExp;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

/**
 * A failed media download. `expired` marks Instagram's CDN refusing an outdated signed URL;
 * `transient` a failure the same request may not meet again (a 5xx, a timeout, a dropped
 * connection), unlike a refusal or a body we will never accept.
 */
export class DownloadError extends Error {
  readonly status: number | undefined;
  readonly expired: boolean;
  readonly transient: boolean;

  constructor(message: string, status?: number, expired = false, network = false) {
    super(message);
    this.name = 'DownloadError';
    this.status = status;
    this.expired = expired;
    this.transient =
      network || (status !== undefined && (status >= 500 || status === 408 || status === 429));
  }
}

// Instagram's CDN answers 403 with one of these bodies once a URL's `oe` expiry has passed.
const EXPIRED_BODY = /URL signature expired|Bad URL date param/i;

/** Downloads a media URL, checking status, content type and size as the bytes arrive. */
export async function downloadMedia(
  url: string,
  options: DownloadOptions,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const shown = withoutQuery(url);
  const timeout = options.timeoutMs ?? 30_000;
  const response = await request(url, {
    dispatcher: options.dispatcher,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  }).catch((error: Error) => {
    throw new DownloadError(`${shown}: ${error.message}`, undefined, false, true);
  });
  const { statusCode, headers, body } = response;
  if (statusCode !== 200) {
    const text = (await body.text().catch(() => '')).slice(0, 200);
    throw new DownloadError(
      `${shown}: HTTP ${statusCode} ${text}`.trim(),
      statusCode,
      statusCode === 403 && EXPIRED_BODY.test(text),
    );
  }
  const mediaType = String(headers['content-type'] ?? '').split(';')[0] ?? '';
  const contentType = mediaType.trim().toLowerCase();
  if (!options.accept.test(contentType)) {
    discard(body);
    throw new DownloadError(
      `${shown}: unexpected content type "${contentType || 'none'}"`,
      statusCode,
    );
  }
  const declared = Number(headers['content-length'] ?? NaN);
  if (declared > options.maxBytes) {
    discard(body);
    throw new DownloadError(
      `${shown}: ${declared} bytes is over the ${options.maxBytes}-byte limit`,
      statusCode,
    );
  }
  return { bytes: await readLimited(body, options.maxBytes, shown), contentType };
}

async function readLimited(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  shown: string,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.length;
      if (total > maxBytes) {
        discard(body);
        throw new DownloadError(`${shown}: body is over the ${maxBytes}-byte limit`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    // The connection dropped or stalled mid-body.
    throw new DownloadError(`${shown}: ${(error as Error).message}`, undefined, false, true);
  }
  return Buffer.concat(chunks);
}

/** Stops a response we refuse; undici reports the abort as a stream error nobody needs to see. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

/** CDN URLs carry signatures; messages show only origin and path. */
export function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
