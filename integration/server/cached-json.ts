import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Encoding } from '../build/precompress.ts';
import { acceptedEncoding } from './compressed-responses.ts';

const bodies = new WeakMap<object, Map<Encoding | 'identity', Uint8Array<ArrayBuffer>>>();

/**
 * A 200 JSON answer of a value served many times unchanged (a cached payload): serialized and
 * compressed once per encoding the clients ask for, kept as long as the value lives. Saves the
 * per-request serialization and compression of a large body, and the garbage they make.
 */
export function cachedJson(
  value: object,
  request: Request,
  headers: Record<string, string> = {},
): Response {
  const encoding =
    acceptedEncoding(request.headers.get('accept-encoding') ?? undefined, ['br', 'gzip']) ??
    'identity';
  const encoded = bodies.get(value) ?? new Map<Encoding | 'identity', Uint8Array<ArrayBuffer>>();
  bodies.set(value, encoded);
  let body = encoded.get(encoding);
  if (!body) {
    const json = Buffer.from(JSON.stringify(value));
    body = new Uint8Array(
      encoding === 'br'
        ? brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : encoding === 'gzip'
          ? gzipSync(json)
          : json,
    );
    encoded.set(encoding, body);
  }
  return new Response(body, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      vary: 'Accept-Encoding',
      ...(encoding !== 'identity' && { 'content-encoding': encoding }),
      ...headers,
    },
  });
}
