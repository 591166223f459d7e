import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

export interface Unzipped {
  name: string;
  bytes: Buffer;
  /** Stored as is, not deflated. */
  stored: boolean;
  date: Date;
}

/** Every entry of a ZIP, read back with yauzl (CRCs checked as it reads). */
export function unzip(zip: Buffer): Promise<Unzipped[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const entries: Unzipped[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          buffer(stream).then((bytes) => {
            entries.push({
              name: entry.fileName,
              bytes,
              stored: entry.compressionMethod === 0,
              date: entry.getLastModDate({ timezone: 'UTC' }),
            });
            file.readEntry();
          }, reject);
        });
      });
      file.readEntry();
    });
  });
}
