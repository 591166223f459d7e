/**
 * `npm run bench:images`: what new guest photos cost a build. A fresh copy of the site is built
 * (its images cached), then PHOTOS new 3000×2000 JPEGs are approved in an event and it is built
 * again, then once more with nothing new. Printed: image encodes per new photo (the build's closing
 * `images …: N encoded` line) and new photos per second, counting the time the new photos added to the
 * build (second build minus third), all measured in one run.
 */
import path from 'node:path';
import { imageCounts } from '../harness/build-output.ts';
import { addGeneratedPhotos } from '../harness/generated-photos.ts';
import { astroBuild, copySite, ROOT } from '../harness/site-copy.ts';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 16);

async function build(root: string, label: string) {
  const result = await astroBuild(root, {});
  if (result.code !== 0) throw new Error(`${label} failed:\n${result.output}`);
  return {
    ms: result.ms,
    encodes: imageCounts(result.output).encoded,
  };
}

const site = await copySite(path.join(ROOT, 'content'));
try {
  const cold = await build(site.root, 'the first build');
  await addGeneratedPhotos(site.root, { count: PHOTOS, width: 3000, height: 2000 });
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
