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
  const events = await Promise.all(
    names.map(async (name) => {
      const file = path.posix.join(dir.replaceAll('\\', '/'), name);
      const source = await readFile(path.join(absolute, name), 'utf8');
      return parseEventFile(source, file, name.replace(EVENT_FILE, ''), defaults);
    }),
  );
  const seen = new Map<string, string>();
  for (const [index, event] of events.entries()) {
    const file = path.posix.join(dir, names[index]!);
    const other = seen.get(event.id);
    if (other)
      throw new EventFileError(
        file,
        'id',
        `"${event.id}" is also the id of ${other}. Rename one of the files.`,
      );
    seen.set(event.id, file);
  }
  return events.sort((a, b) => b.startUtc.localeCompare(a.startUtc));
}
