import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** The files the media server serves, by path. */
export interface MediaFixtures {
  /** 1080 × 1350 (4:5), the usual portrait post. */
  '/portrait.jpg': Buffer;
  /** 1080 × 1080. */
  '/square.jpg': Buffer;
  /** 1080 × 1920, a reel cover. */
  '/cover.jpg': Buffer;
  /** 3000 × 1000: aspect ratio 3, outside 4:5 … 1.91:1. */
  '/wide.jpg': Buffer;
  /** A 1080 × 1350 PNG. */
  '/photo.png': Buffer;
  /** A real JPEG padded past 8 MiB. */
  '/huge.jpg': Buffer;
  /** The emulator's own sample: 2 s, 360 × 640 H.264. */
  '/sample.mp4': Buffer;
  /** An HTML page where a picture should be. */
  '/page.html': Buffer;
}

export interface MediaServer {
  origin: string;
  files: MediaFixtures;
  /** `origin` + path. */
  url(path: string): string;
  /** Requests per path, with the user agent of the last one. */
  hits: Map<string, number>;
  lastUserAgent?: string;
  close(): Promise<void>;
}

function jpeg(width: number, height: number, hue: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: hue, g: 120, b: 255 - hue } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function fixtures(): Promise<MediaFixtures> {
  const portrait = await jpeg(1080, 1350, 40);
  return {
    '/portrait.jpg': portrait,
    '/square.jpg': await jpeg(1080, 1080, 90),
    '/cover.jpg': await jpeg(1080, 1920, 140),
    '/wide.jpg': await jpeg(3000, 1000, 200),
    '/photo.png': await sharp({
      create: { width: 1080, height: 1350, channels: 3, background: '#3366cc' },
    })
      .png()
      .toBuffer(),
    '/huge.jpg': Buffer.concat([portrait, Buffer.alloc(8 * 1024 * 1024)]),
    '/sample.mp4': await readFile(
      new URL('../integration/emulator/seed/sample.mp4', import.meta.url),
    ),
    '/page.html': Buffer.from('<!doctype html><title>Not a photo</title>'),
  };
}

/**
 * A stand-in for wherever a client hosts media before publishing: the fixtures above, plus
 * `/missing.jpg` (404), `/moved.jpg` (302 to the portrait) and `/slow.jpg` (never answers).
 */
export async function startMediaServer(): Promise<MediaServer> {
  const files = await fixtures();
  const hits = new Map<string, number>();
  const server = createServer();
  const media: MediaServer = {
    origin: '',
    files,
    hits,
    url: (path) => `${media.origin}${path}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    media.lastUserAgent = request.headers['user-agent'];
    if (path === '/slow.jpg') return;
    if (path === '/moved.jpg')
      return void response.writeHead(302, { location: '/portrait.jpg' }).end();
    const body = files[path as keyof MediaFixtures];
    if (!body)
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    response.writeHead(200, { 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  media.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return media;
}
