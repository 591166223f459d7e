import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { builtFiles, DIST_CLIENT, MAIN_EVENT } from './support.ts';

// `npm start` of the e2e build: static text files go out as the build's precompressed twins,
// on-demand answers are compressed as they are sent. Playwright's request context decodes
// bodies, so the encoded size is read from content-length and the twins on disk.

const page = `/g/${MAIN_EVENT}/`;
const pageFile = join(DIST_CLIENT, 'g', MAIN_EVENT, 'index.html');

async function fetchWith(
  request: import('@playwright/test').APIRequestContext,
  url: string,
  acceptEncoding: string,
) {
  const answer = await request.get(url, { headers: { 'accept-encoding': acceptEncoding } });
  return { answer, headers: answer.headers(), body: await answer.body() };
}

test.describe('compressed answers from npm start', () => {
  test('a gallery page is its brotli twin when the browser takes br, its gzip twin when only gzip', async ({
    request,
  }) => {
    const html = readFileSync(pageFile);
    const br = readFileSync(`${pageFile}.br`);
    expect(brotliDecompressSync(br).equals(html)).toBe(true);
    expect(gunzipSync(readFileSync(`${pageFile}.gz`)).equals(html)).toBe(true);

    const chrome = await fetchWith(request, page, 'gzip, deflate, br, zstd');
    expect(chrome.answer.status()).toBe(200);
    expect(chrome.headers['content-encoding']).toBe('br');
    expect(chrome.headers['content-type']).toMatch(/^text\/html/);
    expect(chrome.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(chrome.headers['content-length'])).toBe(br.length);
    expect(chrome.body.equals(html)).toBe(true);

    const gzipOnly = await fetchWith(request, page, 'gzip');
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gzipOnly.body.equals(html)).toBe(true);

    const plain = await fetchWith(request, page, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(html.length);
    expect(plain.body.equals(html)).toBe(true);
  });

  test('every built HTML, CSS, JS and JSON file of 1 KB or more has its twins, and CSS and JS go out as brotli', async ({
    request,
  }) => {
    const text = builtFiles(/\.(html|css|js|json|svg)$/).filter(
      (file) => readFileSync(file).length >= 1024,
    );
    expect(text.length).toBeGreaterThan(5);
    for (const file of text) {
      expect(existsSync(`${file}.br`), file).toBe(true);
      expect(existsSync(`${file}.gz`), file).toBe(true);
    }
    for (const file of text.filter((name) => /\.(css|js)$/.test(name))) {
      const url = file.slice(DIST_CLIENT.length).split('\\').join('/');
      const { headers, body } = await fetchWith(request, url, 'gzip, deflate, br');
      expect(headers['content-encoding'], url).toBe('br');
      expect(headers['content-type'], url).toMatch(/^text\/(css|javascript)/);
      expect(body.equals(readFileSync(file)), url).toBe(true);
    }
  });

  test('an on-demand page is compressed as it is sent', async ({ request }) => {
    const { answer, headers, body } = await fetchWith(request, '/admin/login', 'gzip, br');
    expect(answer.status()).toBe(200);
    expect(['br', 'gzip']).toContain(headers['content-encoding']);
    expect(headers.vary).toMatch(/accept-encoding/i);
    expect(body.toString()).toContain('<form');
    const plain = await fetchWith(request, '/admin/login', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });
});
