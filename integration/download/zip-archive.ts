import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { makeZip, predictLength } from 'client-zip';

/** A file to put in the archive: its name there, its path under `dir`, its date. */
export interface ArchiveEntry {
  name: string;
  file: string;
  at: string;
}

export interface ZipArchive {
  stream: Readable;
  /** The archive's exact length in bytes, known before a byte is sent (a Content-Length). */
  size: number;
}

/**
 * A ZIP of the files, made as it is read (client-zip: stored, never deflated, since photos and
 * videos are compressed already; its CRC-32 is WebAssembly, so a download costs little CPU).
 * Each file is opened only when the archive reaches it, and nothing is read ahead of the reader,
 * so memory stays flat however large the archive.
 */
export async function zipArchive(
  dir: string,
  entries: readonly ArchiveEntry[],
): Promise<ZipArchive> {
  const files = await Promise.all(
    entries.map(async (entry) => {
      const file = insideDir(dir, entry.file);
      return {
        name: entry.name,
        path: file,
        size: (await stat(file)).size,
        lastModified: new Date(entry.at),
      };
    }),
  );
  const size = Number(
    predictLength(files.map(({ name, size, lastModified }) => ({ name, size, lastModified }))),
  );
  async function* inputs() {
    for (const { name, size, lastModified, path: file } of files)
      yield { name, size, lastModified, input: createReadStream(file) };
  }
  return {
    stream: Readable.fromWeb(makeZip(inputs()) as import('node:stream/web').ReadableStream),
    size,
  };
}

/** A file made only when the archive reaches it (a photo re-encoded on the way): its size is not known before. */
export interface MadeEntry {
  name: string;
  at: string;
  make: () => Promise<Uint8Array>;
}

/**
 * A ZIP of built files (`entries` under `dir`) and made ones, in the order given, made as it is
 * read. Without every size up front its length is unknown (no Content-Length); a made file is
 * made only when the reader reaches it, so one at a time is in memory.
 */
export function zipStream(dir: string, entries: readonly (ArchiveEntry | MadeEntry)[]): Readable {
  async function* inputs() {
    for (const entry of entries) {
      const lastModified = new Date(entry.at);
      if ('make' in entry) yield { name: entry.name, lastModified, input: await entry.make() };
      else {
        const file = insideDir(dir, entry.file);
        const { size } = await stat(file);
        yield { name: entry.name, size, lastModified, input: createReadStream(file) };
      }
    }
  }
  return Readable.fromWeb(makeZip(inputs()) as import('node:stream/web').ReadableStream);
}

/** The absolute path of `file` under `dir`; refuses any path that would leave it. */
function insideDir(dir: string, file: string): string {
  const root = path.resolve(dir);
  const resolved = path.resolve(root, file);
  if (!resolved.startsWith(`${root}${path.sep}`))
    throw new Error(`not a file of the build: ${file}`);
  return resolved;
}
