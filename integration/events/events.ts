import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  EventFileError,
  parseEventFile,
  type GalleryEvent,
  type WindowDefaults,
} from './event-file.ts';

const EVENT_FILE = /\.ya?ml$/i;

/** Reads every `*.yaml` event in `dir` (relative to `root`), sorted newest first. */
export async function loadEvents(
  root: string,
  dir: string,
  defaults: WindowDefaults,
): Promise<GalleryEvent[]> {
  const absolute = path.resolve(root, dir);
  let names: string[];
  try {
    names = (await readdir(absolute)).filter((name) => EVENT_FILE.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = await Promise.all(
    names.map(async (name) => {
      const file = path.posix.join(dir.replaceAll('\\', '/'), name);
      const source = await readFile(path.join(absolute, name), 'utf8');
      const event = parseEventFile(source, file, name.replace(EVENT_FILE, ''), defaults);
      return { event, file: path.posix.join(dir, name) };
    }),
  );
  const seen = new Map<string, string>();
  for (const { event, file } of parsed) {
    const other = seen.get(event.id);
    if (other)
      throw new EventFileError(
        file,
        'id',
        `"${event.id}" is also the id of ${other}. Rename one of the files.`,
      );
    seen.set(event.id, file);
  }
  return parsed.map(({ event }) => event).sort((a, b) => b.startUtc.localeCompare(a.startUtc));
}
