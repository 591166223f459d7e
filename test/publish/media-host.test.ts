import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  localMediaHost,
  readSignedMedia,
  s3MediaHost,
} from '../../integration/publish/media-host.ts';
import { startS3 } from '../helpers/s3-server.ts';

const key = Buffer.alloc(32, 9);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-media-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = Buffer.from('jpeg bytes');
const parts = (url: string) => {
  const parsed = new URL(url);
  return {
    name: parsed.pathname.split('/').pop()!,
    exp: parsed.searchParams.get('exp'),
    sig: parsed.searchParams.get('sig'),
  };
};

describe('media Instagram fetches from this server', () => {
  it('is served on PUBLIC_BASE_URL under a signed URL that expires in an hour', async () => {
    const url = await localMediaHost({
      dir,
      publicBaseUrl: 'https://photos.example.com',
      key,
      now: () => 1_000_000,
    }).put(bytes, 'image/jpeg');
    expect(url).toMatch(
      /^https:\/\/photos\.example\.com\/api\/media\/[0-9a-f]{64}\.jpg\?exp=4600&sig=[\w-]+$/,
    );
    const { name, exp, sig } = parts(url);
    const served = await readSignedMedia({ dir, key, now: () => 1_000_000 }, name, exp, sig);
    expect(served).toMatchObject({ contentType: 'image/jpeg' });
    expect(Buffer.from((served as { bytes: Uint8Array }).bytes).equals(bytes)).toBe(true);
  });

  it('refuses a changed signature, a changed expiry, another file, and a URL past its expiry', async () => {
    const url = await localMediaHost({
      dir,
      publicBaseUrl: 'https://p.example',
      key,
      now: () => 0,
    }).put(bytes, 'image/jpeg');
    const { name, exp, sig } = parts(url);
    const read = (n: string, e: string | null, s: string | null, now = 0) =>
      readSignedMedia({ dir, key, now: () => now }, n, e, s);
    expect(await read(name, exp, `${sig}x`)).toBe('forbidden');
    expect(await read(name, String(Number(exp) + 60), sig)).toBe('forbidden');
    expect(await read(`${'0'.repeat(64)}.jpg`, exp, sig)).toBe('forbidden');
    expect(await read('../state.db', exp, sig)).toBe('forbidden');
    expect(await read(name, exp, sig, 3_601_000)).toBe('expired');
  });

  it('renews a URL past its hour to the same file, for a retried or resumed job', async () => {
    let now = 1_000_000;
    const host = localMediaHost({ dir, publicBaseUrl: 'https://p.example', key, now: () => now });
    const old = await host.put(bytes, 'image/jpeg');
    now += 2 * 3600_000;
    const renewed = await host.renew(old);
    const read = (url: string) => {
      const { name, exp, sig } = parts(url);
      return readSignedMedia({ dir, key, now: () => now }, name, exp, sig);
    };
    expect(await read(old)).toBe('expired');
    expect(parts(renewed).name).toBe(parts(old).name);
    expect(await read(renewed)).toMatchObject({ contentType: 'image/jpeg' });
    expect(await host.renew('https://elsewhere.example/photo.jpg')).toBe(
      'https://elsewhere.example/photo.jpg',
    );
  });

  it('stages the same bytes from many requests at once, each getting a URL to the same file', async () => {
    const host = localMediaHost({ dir, publicBaseUrl: 'https://p.example', key });
    const same = Buffer.from('the same photo, sent by a double click');
    const urls = await Promise.all(Array.from({ length: 8 }, () => host.put(same, 'image/jpeg')));
    expect(new Set(urls.map((url) => parts(url).name)).size).toBe(1);
    const { name, exp, sig } = parts(urls[0] ?? '');
    const served = await readSignedMedia({ dir, key }, name, exp, sig);
    expect(Buffer.from((served as { bytes: Uint8Array }).bytes).equals(same)).toBe(true);
  });
});

describe('media Instagram fetches from S3', () => {
  it('is uploaded and handed out as a presigned GET URL that serves the bytes', async () => {
    const s3 = await startS3('publish-media');
    try {
      const url = await s3MediaHost({ client: s3.client, bucket: 'publish-media' }).put(
        bytes,
        'image/jpeg',
      );
      expect(url).toContain('X-Amz-Signature=');
      expect(url).toContain('X-Amz-Expires=3600');
      const response = await request(url);
      expect(response.statusCode).toBe(200);
      expect(Buffer.from(await response.body.arrayBuffer()).equals(bytes)).toBe(true);
      const host = s3MediaHost({ client: s3.client, bucket: 'publish-media' });
      const renewed = await request(await host.renew(url));
      expect(renewed.statusCode).toBe(200);
      expect(Buffer.from(await renewed.body.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      await s3.close();
    }
  });
});
