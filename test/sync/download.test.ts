import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, downloadMedia, withoutQuery } from '../../integration/media/download.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url!.split('?')[0];
    if (path === '/photo.jpg')
      return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (path === '/page.html')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    if (path === '/big.jpg')
      return void res
        .writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '5000' })
        .end(Buffer.alloc(5000));
    if (path === '/chunked.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
      return void res.end();
    }
    if (path === '/expired.jpg')
      return void res.writeHead(403, { 'content-type': 'text/plain' }).end('URL signature expired');
    if (path === '/forbidden.jpg')
      return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Bad URL hash');
    if (path === '/unavailable.jpg') return void res.writeHead(503).end('Service Unavailable');
    if (path === '/dropped.jpg') return void req.socket.destroy();
    if (path === '/cut.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '2000' });
      return void res.write(Buffer.alloc(1000), () => res.destroy());
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const image = { accept: /^image\//, maxBytes: 4096 };
const failure = (path: string, options = image): Promise<DownloadError> =>
  downloadMedia(`${origin}${path}?oh=secret-signature&oe=6576D61D`, options).then(
    () => {
      throw new Error(`${path} was expected to fail`);
    },
    (e: unknown) => e as DownloadError,
  );

describe('downloading a media file', () => {
  it('returns the bytes and content type of an image', async () => {
    const { bytes, contentType } = await downloadMedia(`${origin}/photo.jpg`, image);
    expect(Buffer.from(bytes).equals(JPEG)).toBe(true);
    expect(contentType).toBe('image/jpeg');
  });

  it('refuses a body of the wrong content type', async () => {
    const error = await failure('/page.html');
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.message).toContain('unexpected content type "text/html"');
  });

  it('refuses a file whose declared size is over the limit', async () => {
    expect((await failure('/big.jpg')).message).toContain('5000 bytes is over the 4096-byte limit');
  });

  it('stops reading a body without a length once it passes the limit', async () => {
    expect((await failure('/chunked.jpg')).message).toContain('over the 4096-byte limit');
  });

  it('marks a 403 "URL signature expired" as expired, and other 403s not', async () => {
    expect(await failure('/expired.jpg')).toMatchObject({ status: 403, expired: true });
    expect(await failure('/forbidden.jpg')).toMatchObject({ status: 403, expired: false });
  });

  it('marks a 5xx, a dropped connection and a body cut short as transient, refusals not', async () => {
    expect(await failure('/unavailable.jpg')).toMatchObject({ status: 503, transient: true });
    expect(await failure('/dropped.jpg')).toMatchObject({ transient: true });
    expect(await failure('/cut.jpg')).toMatchObject({ transient: true });
    expect(await failure('/forbidden.jpg')).toMatchObject({ transient: false });
    expect(await failure('/missing.jpg')).toMatchObject({ status: 404, transient: false });
    expect(await failure('/page.html')).toMatchObject({ transient: false });
  });

  it('keeps the signed query string out of its messages', async () => {
    const error = await failure('/missing.jpg');
    expect(error.message).toContain('/missing.jpg: HTTP 404');
    expect(error.message).not.toContain('secret-signature');
    expect(withoutQuery('https://scontent.cdninstagram.com/v/a.jpg?oh=1&oe=2')).toBe(
      'https://scontent.cdninstagram.com/v/a.jpg',
    );
  });
});
