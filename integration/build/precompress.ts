import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import pLimit from 'p-limit';

/** Text files worth compressing, with the type to send them as; images and video are compressed already. */
export const COMPRESSIBLE_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The suffix of each precompressed twin, by `Content-Encoding`. */
export const ENCODED_SUFFIX = { br: '.br', gzip: '.gz' } as const;
export type Encoding = keyof typeof ENCODED_SUFFIX;

/** Smaller files gain less than a compressed response's overhead. */
const MIN_BYTES = 1024;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) next to every compressible
 * file of `dir` of at least 1 KB, each only when smaller than the file, for `npm start` and for
 * static hosts that serve precompressed files. A twin left from an earlier build that no longer
 * pays is removed.
 */
export async function precompress(dir: string): Promise<PrecompressResult> {
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const limit = pLimit(4);
  const files = (await readdir(dir, { recursive: true })).filter(
    (file) => COMPRESSIBLE_TYPES[path.extname(file)] !== undefined,
  );
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const source = path.join(dir, file);
        if (!(await stat(source)).isFile()) return;
        const bytes = await readFile(source);
        const compressed =
          bytes.length < MIN_BYTES
            ? undefined
            : {
                br: await brotli(bytes, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                  },
                }),
                gzip: await gzip(bytes, { level: 9 }),
              };
        for (const encoding of Object.keys(ENCODED_SUFFIX) as Encoding[]) {
          const twin = source + ENCODED_SUFFIX[encoding];
          const body = compressed?.[encoding];
          if (body && body.length < bytes.length) await writeFile(twin, body);
          else await rm(twin, { force: true });
        }
        if (!compressed) return;
        result.files++;
        result.bytes += bytes.length;
        result.brotliBytes += Math.min(compressed.br.length, bytes.length);
        result.gzipBytes += Math.min(compressed.gzip.length, bytes.length);
      }),
    ),
  );
  return result;
}
