import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPrecompressed } from '../../integration/server/compressed-responses.ts';
import { precompress } from '../../integration/build/precompress.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const exists = (file: string) =>
  readFile(path.join(dir, file)).then(
    () => true,
    () => false,
  );

describe('precompress (the build step)', () => {
  it('writes .br and .gz twins of text files of 1 KB or more that decompress to the file', async () => {
    const html = `<!doctype html>${'<p>a gallery photo</p>'.repeat(400)}`;
    await mkdir(path.join(dir, 'g/night-run'), { recursive: true });
    await writeFile(path.join(dir, 'g/night-run/index.html'), html);
    await writeFile(
      path.join(dir, 'feed.json'),
      JSON.stringify({ posts: Array(200).fill({ id: '1' }) }),
    );
    await writeFile(path.join(dir, 'small.css'), 'a{color:red}');
    await writeFile(path.join(dir, 'photo.webp'), randomBytes(4096));

    const result = await precompress(dir);

    const br = await readFile(path.join(dir, 'g/night-run/index.html.br'));
    const gz = await readFile(path.join(dir, 'g/night-run/index.html.gz'));
    expect(brotliDecompressSync(br).toString()).toBe(html);
    expect(gunzipSync(gz).toString()).toBe(html);
    expect(br.length).toBeLessThan(html.length / 10);
    expect(await exists('feed.json.br')).toBe(true);
    expect(await exists('small.css.br')).toBe(false); // under 1 KB
    expect(await exists('photo.webp.br')).toBe(false); // not text
    expect(result.files).toBe(2);
    expect(result.brotliBytes).toBeLessThan(result.gzipBytes);
    expect(result.gzipBytes).toBeLessThan(result.bytes);
  });

  it('writes no twin that would be larger, and removes one left from an earlier build', async () => {
    await writeFile(path.join(dir, 'noise.js'), randomBytes(8192).toString('base64'));
    await writeFile(path.join(dir, 'gone.html'), 'x');
    await writeFile(path.join(dir, 'gone.html.br'), 'stale');
    await writeFile(path.join(dir, 'noise.js.gz'), 'stale');
    await precompress(dir);
    // Base64 noise still shrinks a little (6 bits a byte), so the twins stay; the stale ones go.
    expect(await exists('gone.html.br')).toBe(false);
    expect((await readFile(path.join(dir, 'noise.js.gz'))).toString()).not.toBe('stale');
  });
});

describe('findPrecompressed (the server, at start)', () => {
  it('lists each file that has a twin, by encoding, ignoring twins whose file is gone', async () => {
    await mkdir(path.join(dir, 'g/a'), { recursive: true });
    await writeFile(path.join(dir, 'g/a/index.html'), 'page');
    await writeFile(path.join(dir, 'g/a/index.html.br'), 'br');
    await writeFile(path.join(dir, 'g/a/index.html.gz'), 'gz');
    await writeFile(path.join(dir, 'orphan.js.br'), 'br');
    const found = await findPrecompressed(dir);
    expect([...found.br]).toEqual(['g/a/index.html']);
    expect([...found.gzip]).toEqual(['g/a/index.html']);
  });
});
