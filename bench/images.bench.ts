/**
 * `npm run bench:images`: what new guest photos cost a build. A fresh copy of the site is built
 * (its images cached), then PHOTOS new 3000×2000 JPEGs are approved in an event and it is built
 * again, then once more with nothing new. Printed: image encodes per new photo (Astro logs one
 * line per encode) and new photos per second, counting the time the new photos added to the
 * build (second build minus third), all measured in one run.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { astroBuild, copySite, ROOT } from '../harness/site-copy.ts';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 16);
const EVENT = '2026-12-05-winter-market'; // an event with no guest photos yet
const SOURCES = path.join(ROOT, 'content/guest-photos/2026-04-29');

/** Real photos of the demo, enlarged to 3000×2000 and tinted so that each is new to every cache. */
async function addPhotos(root: string): Promise<void> {
  const dir = path.join(root, 'content/guest-photos', EVENT);
  await mkdir(dir, { recursive: true });
  const sources = (await readdir(SOURCES)).filter((name) => name.endsWith('.jpg'));
  const names: string[] = [];
  for (let index = 0; index < PHOTOS; index++) {
    const name = `bench-${String(index).padStart(3, '0')}.jpg`;
    const minute = String(index % 60).padStart(2, '0');
    const bytes = await sharp(path.join(SOURCES, sources[index % sources.length]!))
      .resize(3000, 2000, { fit: 'cover' })
      .modulate({ hue: (index * 23) % 360, brightness: 1 + (index % 5) / 50 })
      .jpeg({ quality: 90 })
      .withExif({ IFD2: { DateTimeOriginal: `2026:12:05 15:${minute}:00` } })
      .toBuffer();
    await writeFile(path.join(dir, name), bytes);
    names.push(name);
  }
  await writeFile(
    path.join(dir, 'moderation.yaml'),
    `photos:\n${names.map((name) => `  ${name}:\n    status: approved\n`).join('')}`,
  );
}

async function build(root: string, label: string) {
  const result = await astroBuild(root, {});
  if (result.code !== 0) throw new Error(`${label} failed:\n${result.output}`);
  return {
    ms: result.ms,
    encodes: (result.output.match(/\(before: [\d.]+kB, after: [\d.]+kB\)/g) ?? []).length,
  };
}

const site = await copySite(path.join(ROOT, 'content'));
try {
  const cold = await build(site.root, 'the first build');
  await addPhotos(site.root);
  const added = await build(site.root, `the build with ${PHOTOS} new photos`);
  const again = await build(site.root, 'the build with nothing new');
  const perPhoto = added.encodes / PHOTOS;
  const photosPerSecond = PHOTOS / ((added.ms - again.ms) / 1000);
  console.log(`\n${PHOTOS} new 3000×2000 JPEGs in a fresh copy of the site (demo mode)\n`);
  console.table({
    'first build (cold)': { 'wall time (s)': +(cold.ms / 1000).toFixed(1), encodes: cold.encodes },
    [`with ${PHOTOS} new photos`]: {
      'wall time (s)': +(added.ms / 1000).toFixed(1),
      encodes: added.encodes,
    },
    'nothing new': { 'wall time (s)': +(again.ms / 1000).toFixed(1), encodes: again.encodes },
  });
  console.log(`encodes per new photo: ${perPhoto.toFixed(1)} (target ≤ 6)`);
  console.log(
    `new photos per second: ${photosPerSecond.toFixed(2)} (their share of the build; target ≥ 1.0 on 2 cores)`,
  );
  process.exitCode = perPhoto <= 6 && photosPerSecond >= 1 ? 0 : 1;
} finally {
  await site.remove();
}
