import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import compression from 'compression';
import Negotiator from 'negotiator';
import { COMPRESSIBLE_TYPES, ENCODED_SUFFIX, type Encoding } from '../build/precompress.ts';

/** The build's files (paths relative to the client folder, `/`-separated) that have a twin, by encoding. */
export type PrecompressedFiles = Record<Encoding, ReadonlySet<string>>;

export async function findPrecompressed(clientDir: string): Promise<PrecompressedFiles> {
  const files = new Set(
    (await readdir(clientDir, { recursive: true })).map((file) => file.split(path.sep).join('/')),
  );
  const twinsOf = (encoding: Encoding) =>
    new Set(
      [...files]
        .filter((file) => file.endsWith(ENCODED_SUFFIX[encoding]))
        .map((file) => file.slice(0, -ENCODED_SUFFIX[encoding].length))
        .filter((source) => files.has(source)),
    );
  return { br: twinsOf('br'), gzip: twinsOf('gzip') };
}

/**
 * Wraps the adapter's listener so that text answers go out compressed: a static file with a
 * precompressed twin the client accepts is served as that twin (brotli first), anything else
 * compressible of at least 1 KB (on-demand pages, JSON) is compressed as it is sent.
 */
export function withCompression(
  handler: RequestListener,
  precompressed: PrecompressedFiles,
): RequestListener {
  const compress = compression({ threshold: 1024 });
  return (req, res) => {
    usePrecompressed(precompressed, req, res);
    compress(req, res, () => handler(req, res));
  };
}

/** Points a GET or HEAD of a static text file at its precompressed twin, when it has one the client takes. */
function usePrecompressed(
  precompressed: PrecompressedFiles,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return;
  const url = URL.parse(req.url ?? '/', 'http://localhost');
  if (!url) return;
  const target = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
  let file: string;
  try {
    file = decodeURIComponent(target).slice(1);
  } catch {
    return;
  }
  const type = COMPRESSIBLE_TYPES[path.posix.extname(file)];
  const available = (Object.keys(ENCODED_SUFFIX) as Encoding[]).filter((encoding) =>
    precompressed[encoding].has(file),
  );
  if (!type || available.length === 0) return;
  res.setHeader('vary', 'Accept-Encoding');
  const encoding = acceptedEncoding(req.headers['accept-encoding'], available);
  if (!encoding) return;
  res.setHeader('content-encoding', encoding);
  res.setHeader('content-type', type);
  req.url = `${target}${ENCODED_SUFFIX[encoding]}${url.search}`;
}

/** The best of `available` an `Accept-Encoding` header takes, brotli first; undefined for none (send it plain). */
export function acceptedEncoding(
  acceptEncoding: string | undefined,
  available: readonly Encoding[],
): Encoding | undefined {
  const chosen = new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? '' } }).encoding(
    [...available, 'identity'],
    { preferred: ['br', 'gzip'] },
  );
  return available.find((encoding) => encoding === chosen);
}
