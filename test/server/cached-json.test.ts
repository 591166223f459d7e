import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { cachedJson } from '../../integration/server/cached-json.ts';

const asking = (acceptEncoding?: string) =>
  new Request('http://localhost/api/instagram/analytics', {
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('cachedJson', () => {
  const payload = { posts: Array.from({ length: 300 }, (_, id) => ({ id, reach: id * 7 })) };

  it('answers brotli, gzip or plain JSON as the client takes it, each decoding to the value', async () => {
    const br = cachedJson(payload, asking('gzip, deflate, br, zstd'));
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(JSON.parse(brotliDecompressSync(await bytes(br)).toString())).toEqual(payload);

    const gzip = cachedJson(payload, asking('gzip'));
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(await bytes(gzip)).toString())).toEqual(payload);

    const plain = cachedJson(payload, asking());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse((await bytes(plain)).toString())).toEqual(payload);
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('serializes a value once per encoding however often it is served', async () => {
    const value = { posts: [{ id: 1 }] };
    const stringify = vi.spyOn(JSON, 'stringify');
    for (let i = 0; i < 5; i++) await bytes(cachedJson(value, asking('br')));
    for (let i = 0; i < 5; i++) await bytes(cachedJson(value, asking('gzip')));
    expect(stringify).toHaveBeenCalledTimes(2);
    stringify.mockRestore();
  });

  it('keeps the headers it is given', () => {
    const answer = cachedJson(payload, asking('br'), { 'cache-control': 'private, no-store' });
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
  });
});
