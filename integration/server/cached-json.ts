import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';

type Encoding = 'br' | 'gzip' | 'identity';
const bodies = new WeakMap<object, Map<Encoding, Buffer>>();

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
  const encoding = (new Negotiator({
    headers: { 'accept-encoding': request.headers.get('accept-encoding') ?? '' },
  }).encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip'] }) ?? 'identity') as Encoding;
  const encoded = bodies.get(value) ?? new Map<Encoding, Buffer>();
  bodies.set(value, encoded);
  let body = encoded.get(encoding);
  if (!body) {
    const json = Buffer.from(JSON.stringify(value));
    body =
      encoding === 'br'
        ? brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : encoding === 'gzip'
          ? gzipSync(json)
          : json;
    encoded.set(encoding, body);
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      vary: 'Accept-Encoding',
      ...(encoding !== 'identity' && { 'content-encoding': encoding }),
      ...headers,
    },
  });
}
