import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_FILE, MODERATION_FILE, type GuestObject, type GuestPhotoSource } from './types.ts';

/** Guest photos in a folder of the project: `<dir>/<event_id>/<file>`. */
export function localGuestSource(root: string, dir: string): GuestPhotoSource {
  const base = path.resolve(root, dir);
  const relative = (eventId: string, name: string) =>
    path.posix.join(path.relative(root, base).replaceAll('\\', '/'), eventId, name);

  return {
    description: dir,
    async listEvent(eventId) {
      const folder = path.join(base, eventId);
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          return { objects: [], moderation: undefined };
        throw error;
      }
      const objects: GuestObject[] = await Promise.all(
        names
          .filter((name) => IMAGE_FILE.test(name))
          .sort()
          .map(async (name) => {
            const info = await stat(path.join(folder, name));
            return {
              name,
              size: info.size,
              uploadedAt: info.mtime,
              version: `${info.size}-${info.mtimeMs}`,
            };
          }),
      );
      const moderation = names.includes(MODERATION_FILE)
        ? await readFile(path.join(folder, MODERATION_FILE), 'utf8')
        : undefined;
      return { objects, moderation };
    },
    read: (eventId, name) => readFile(path.join(base, eventId, name)),
    localPath: relative,
  };
}
