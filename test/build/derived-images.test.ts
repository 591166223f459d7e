import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startS3Bucket, type S3Bucket } from '../../harness/s3-bucket.ts';
import {
  derivedImagesFor,
  type DerivedImages,
  pullDerived,
  pushDerived,
} from '../../integration/build/derived-images.ts';

// Astro's cache of encoded images as it names them: content hash, then transform hash.
const ENCODED = {
  'doors.D1BGilNs_AYce8.webp': 'webp bytes',
  'doors.D1BGilNs_Z15ysx3.avif': 'avif bytes',
  '9cda198e3cace316.Zlx6xcsh_ls8P8.avif': 'instagram avif bytes',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'derived-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function cacheWith(files: Record<string, string>): Promise<string> {
  const cache = path.join(dir, `cache-${Math.random().toString(36).slice(2)}`);
  await mkdir(cache, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(cache, name), text);
  return cache;
}

function contract(name: string, storeFor: () => DerivedImages) {
  describe(name, () => {
    it('a fresh machine gets every image encoded elsewhere, byte for byte, and encodes none', async () => {
      const store = storeFor();
      const first = await cacheWith({ ...ENCODED, 'remote.jpg.json': '{"expires":1}' });
      expect(await pushDerived(store, first)).toBe(3); // the .json note stays local
      expect(await pushDerived(store, first)).toBe(0); // nothing stored twice

      const fresh = path.join(dir, 'fresh-machine');
      expect(await pullDerived(store, fresh)).toBe(3);
      expect((await readdir(fresh)).sort()).toEqual(Object.keys(ENCODED).sort());
      for (const [file, text] of Object.entries(ENCODED))
        expect(await readFile(path.join(fresh, file), 'utf8')).toBe(text);
      expect(await pullDerived(store, fresh)).toBe(0);
    });

    it('stores only what the store lacks, and fetches only what the cache lacks', async () => {
      const store = storeFor();
      await pushDerived(store, await cacheWith({ 'a.X_1.avif': 'a' }));
      const other = await cacheWith({ 'a.X_1.avif': 'a', 'b.Y_2.webp': 'b' });
      expect(await pushDerived(store, other)).toBe(1);
      const partial = await cacheWith({ 'b.Y_2.webp': 'b' });
      expect(await pullDerived(store, partial)).toBe(1);
      expect((await store.list()).size).toBeGreaterThanOrEqual(2);
    });
  });
}

contract('derived images in a local folder (<dataDir>/derived)', () =>
  derivedImagesFor({ source: 'local' }, path.join(dir, 'data')),
);

describe('a local folder shared by builds running at the same time', () => {
  it('never lists a file before it is whole, and leaves nothing else behind', async () => {
    const store = derivedImagesFor({ source: 'local' }, dir);
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    let written = false;
    const writing = store.write('big.H_1.avif', big).then(() => (written = true));
    const seen: number[] = [];
    while (!written) {
      if ((await store.list()).has('big.H_1.avif'))
        seen.push((await store.read('big.H_1.avif')).length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    expect(seen.every((length) => length === big.length)).toBe(true);
    expect(await readdir(path.join(dir, 'derived'))).toEqual(['big.H_1.avif']);
  });

  it('ignores a part-written file another build left behind when it was killed', async () => {
    const store = derivedImagesFor({ source: 'local' }, dir);
    await mkdir(path.join(dir, 'derived'));
    await writeFile(path.join(dir, 'derived', '.a.X_1.avif.0b7e.partial'), 'half');
    await store.write('b.Y_2.webp', Buffer.from('b'));
    expect([...(await store.list())]).toEqual(['b.Y_2.webp']);
  });
});

describe('in S3', () => {
  let bucket: S3Bucket;
  beforeAll(async () => {
    bucket = await startS3Bucket('derived-test');
  });
  afterAll(() => bucket?.close());

  let run = 0;
  contract('derived images in the guest photo bucket, under <prefix>derived/', () =>
    derivedImagesFor(
      { source: 's3', ...bucket.options, prefix: `run-${++run}/` },
      path.join(dir, 'unused'),
    ),
  );

  it('keeps them under <prefix>derived/ in the bucket', async () => {
    const store = derivedImagesFor(
      { source: 's3', ...bucket.options, prefix: 'photos/' },
      path.join(dir, 'unused'),
    );
    await pushDerived(store, await cacheWith({ 'c.Z_3.avif': 'c' }));
    expect(store.description).toBe('s3://derived-test/photos/derived/');
    const out = await bucket.client.send(
      new GetObjectCommand({ Bucket: 'derived-test', Key: 'photos/derived/c.Z_3.avif' }),
    );
    expect(await out.Body?.transformToString()).toBe('c');
  });
});
