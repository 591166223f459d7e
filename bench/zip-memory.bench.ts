/**
 * `npm run bench:zip`: the memory a server needs to stream a 2 GB "Download all" ZIP. The ZIP is
 * served the way `npm start` serves it: through the site server (startSiteServer: compression
 * wrapper, response pacing) with the route's answer (zipResponse: client-zip, stored, a paced web
 * stream) written by Astro's own Node writer (`writeResponse`, as the adapter does), from sparse
 * files that read as zeros at disk-cache speed, so the server can make bytes far faster than
 * the client takes them. The client is curl in its own process, reading at most BENCH_ZIP_RATE
 * (default 40 MB/s). Run with the Node flags of `npm start`. Printed: the server process's resident
 * memory before and at its peak, and what streaming added (target ≤ 100 MB). Without the pacing,
 * a 0.5 GB ZIP to a 20 MB/s client added about 400 MB; with it, about 20 MB.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeResponse } from 'astro/app/node';
import { freePort } from '../harness/free-port.ts';
import { startSiteServer } from '../integration/server/site-server.ts';
import { zipResponse } from '../integration/server/zip-response.ts';

const TOTAL_BYTES = Number(process.env.BENCH_ZIP_BYTES ?? 2 * 1024 ** 3);
const FILES = 8;
/** curl's --limit-rate: a client slower than the server can make the ZIP, as most are. */
const CLIENT_RATE = process.env.BENCH_ZIP_RATE ?? '40M';
const TARGET_MB = 100;

const dir = await mkdtemp(path.join(tmpdir(), 'zip-bench-'));
const entries = Array.from({ length: FILES }, (_, index) => ({
  name: `2026-04-29_20-00-0${index}_guest_photo-${index}.webp`,
  file: `_astro/photo-${index}.webp`,
  at: '2026-04-29T18:00:00Z',
}));

/** What the adapter's listener does for a ZIP route: the route's answer, written by Astro's Node writer. */
function handler(_req: IncomingMessage, res: ServerResponse): void {
  zipResponse('bench', dir, entries)
    .then((response) => writeResponse(response, res))
    .catch((error: Error) => res.destroy(error));
}
// startSiteServer imports an adapter entry module by URL: a tiny one that hands it the listener above.
const port = await freePort();
const ENTRY = Symbol.for('zip-memory-bench.entry');
(globalThis as Record<symbol, unknown>)[ENTRY] = { handler, options: { host: '127.0.0.1', port } };
const entryModule = `data:text/javascript,export const { handler, options } = globalThis[Symbol.for(${JSON.stringify(ENTRY.description)})];`;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
try {
  await mkdir(path.join(dir, '_astro'));
  for (const entry of entries) {
    const file = path.join(dir, entry.file);
    await writeFile(file, '');
    await truncate(file, TOTAL_BYTES / FILES); // sparse: no disk written, reads as zeros
  }
  const server = await startSiteServer(new URL(entryModule), pathToFileURL(`${dir}/`));
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const started = Date.now();
  const received = await curl(`http://127.0.0.1:${port}/g/bench/photos.zip`);
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  server.close();
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  console.log(
    `\nstreamed a ${(received / 1024 ** 3).toFixed(2)} GiB ZIP (${FILES} files) in ${seconds.toFixed(1)} s (${mb(received / seconds)} MB/s)`,
  );
  console.log(
    `server RSS: ${mb(before)} MB before (the site server and Astro loaded), ${mb(peak)} MB at its peak while serving`,
  );
  console.log(`RSS added by streaming the ZIP: ${mb(peak - before)} MB (target ≤ ${TARGET_MB} MB)`);
  process.exitCode = received > TOTAL_BYTES && mb(peak - before) <= TARGET_MB ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Downloads `url` with curl at CLIENT_RATE bytes a second at most, returning the byte count. */
function curl(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', [
      '-sS',
      '--fail',
      '--limit-rate',
      CLIENT_RATE,
      '-o',
      '/dev/null',
      '-w',
      '%{size_download}',
      url,
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`curl: ${err}`)),
    );
  });
}
