import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

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
 * A ZIP of the files, made as it is read: photos and videos are compressed already, so they are
 * stored, not deflated (no CPU, and the length is known up front). One file is open at a time, and
 * a slow reader pauses the file reads (stream backpressure), so memory stays flat however large
 * the archive.
 */
export async function zipArchive(
  dir: string,
  entries: readonly ArchiveEntry[],
): Promise<ZipArchive> {
  const files = await Promise.all(
    entries.map(async (entry) => {
      const file = insideDir(dir, entry.file);
      return { ...entry, path: file, size: (await stat(file)).size };
    }),
  );
  const zip = new ZipFile();
  const stream = zip.outputStream as Readable;
  zip.on('error', (error: Error) => stream.destroy(error)); // a file that cannot be read
  for (const file of files)
    zip.addReadStreamLazy(
      file.name,
      { size: file.size, mtime: new Date(file.at), compress: false },
      (done) => {
        const read = createReadStream(file.path);
        read.on('error', (error) => stream.destroy(error)); // yazl listens on files it opens itself only
        done(null, read);
      },
    );
  let size = -1;
  // yazl calls back at once when every entry's size is given (its types leave out the argument).
  const measured = ((total: number) => {
    size = total;
  }) as () => void;
  zip.end(undefined, measured);
  if (size < 0) throw new Error('the archive size could not be calculated');
  return { stream, size };
}

/** The absolute path of `file` under `dir`; refuses any path that would leave it. */
function insideDir(dir: string, file: string): string {
  const root = path.resolve(dir);
  const resolved = path.resolve(root, file);
  if (!resolved.startsWith(`${root}${path.sep}`))
    throw new Error(`not a file of the build: ${file}`);
  return resolved;
}
