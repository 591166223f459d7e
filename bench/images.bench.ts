/**
 * `npm run bench:images`: what new guest photos cost a build. A fresh copy of the site is built
 * (its images cached), then PHOTOS new 3000×2000 JPEGs are approved in an event and it is built
 * again, then once more with nothing new. Printed: image encodes per new photo (the build's closing
 * `images …: N encoded` line) and new photos per second, counting the time the new photos added to the
 * build (second build minus third), all measured in one run. Then the same photos from an S3
 * bucket (s3rver): a build of that copy stores its encoded images in the bucket (`derived/`),
 * and a second, fresh copy (an empty image cache, as on a new machine) built against the same
 * bucket encodes none.
 */
import path from 'node:path';
import { imageCounts } from '../harness/build-output.ts';
import { readdir } from 'node:fs/promises';
import { addGeneratedPhotos } from '../harness/generated-photos.ts';
import { startS3Bucket } from '../harness/s3-bucket.ts';
import { astroBuild, copySite, ROOT } from '../harness/site-copy.ts';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 16);

async function build(root: string, label: string, env: Record<string, string> = {}) {
  const result = await astroBuild(root, env);
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
  const shared = await encodeOnceAnywhere(site.root);
  process.exitCode = perPhoto <= 6 && photosPerSecond >= 1 && shared.encodes === 0 ? 0 : 1;
} finally {
  await site.remove();
}

/** The site's guest photos in a bucket; one machine builds, then a fresh one. */
async function encodeOnceAnywhere(root: string) {
  const bucket = await startS3Bucket();
  const fresh = await copySite(path.join(root, 'content'));
  try {
    const photos = path.join(root, 'content/guest-photos');
    for (const event of await readdir(photos))
      await bucket.uploadFolder(path.join(photos, event), event);
    const first = await build(root, 'the build against the bucket', bucket.env);
    const second = await build(fresh.root, 'a fresh copy against the bucket', bucket.env);
    console.log('\nGuest photos in an S3 bucket (s3rver), encoded images kept in its derived/\n');
    console.table({
      'this copy (its cache full)': { encodes: first.encodes },
      'a fresh copy (its cache empty)': { encodes: second.encodes },
    });
    console.log(`a fresh machine encodes ${second.encodes} images (target 0)`);
    return second;
  } finally {
    await fresh.remove();
    await bucket.close();
  }
}
