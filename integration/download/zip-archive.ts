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

/** The absolute path of `file` under `dir`; refuses any path that would leave it. */
function insideDir(dir: string, file: string): string {
  const root = path.resolve(dir);
  const resolved = path.resolve(root, file);
  if (!resolved.startsWith(`${root}${path.sep}`))
    throw new Error(`not a file of the build: ${file}`);
  return resolved;
}
