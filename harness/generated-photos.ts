import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ROOT } from './site-copy.ts';

/** An event of the demo content with no guest photos of its own (uploads open, 5 Dec 2026). */
export const EMPTY_EVENT = '2026-12-05-winter-market';
const SOURCES = path.join(ROOT, 'content/guest-photos/2026-04-29');

/**
 * Writes `count` approved guest photos into `root`'s content for `eventId`: the demo's real
 * photos resized to `width`×`height` JPEGs and tinted one by one, so that each is new to every
 * cache; taken a minute apart from 15:00 on the event's day.
 */
export async function addGeneratedPhotos(
  root: string,
  {
    eventId = EMPTY_EVENT,
    count,
    width,
    height,
  }: { eventId?: string; count: number; width: number; height: number },
): Promise<string[]> {
  const dir = path.join(root, 'content/guest-photos', eventId);
  await mkdir(dir, { recursive: true });
  const sources = (await readdir(SOURCES)).filter((name) => name.endsWith('.jpg')).sort();
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `generated-${String(index).padStart(3, '0')}.jpg`;
    const taken = new Date(Date.UTC(2026, 11, 5, 15, index));
    const exifTime = taken.toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', ':');
    const source = sources[index % sources.length];
    if (!source) throw new Error(`no demo photos in ${SOURCES}`);
    const bytes = await sharp(path.join(SOURCES, source))
      .resize(width, height, { fit: 'cover' })
      .modulate({ hue: (index * 23) % 360, brightness: 1 + (index % 5) / 50 })
      .jpeg({ quality: 90 })
      .withExif({ IFD2: { DateTimeOriginal: exifTime } })
      .toBuffer();
    await writeFile(path.join(dir, name), bytes);
    names.push(name);
  }
  await writeFile(
    path.join(dir, 'moderation.yaml'),
    `photos:\n${names.map((name) => `  ${name}:\n    status: approved\n`).join('')}`,
  );
  return names;
}
