/**
 * `npm run bench:sync`: what a sync costs, measured against the emulator's request counters
 * in one run.
 *   1. Graph requests for a full sync of the demo data: ours (100 a page, carousel children
 *      expanded, paging stops at the earliest event window) versus a naive client (25 a page,
 *      one /children request per carousel, reads everything).
 *   2. Two builds of a fresh copy of the site: the second, with nothing new, should download
 *      nothing and encode no image; its wall time is shown as a ratio of the first.
 */
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../integration/emulator/index.ts';
import {
  getChildren,
  GraphClient,
  listMedia,
  MEDIA_CHILD_FIELDS,
} from '../integration/graph/index.ts';
import { imageCounts } from '../harness/build-output.ts';
import { createSyncHarness } from '../harness/sync-harness.ts';
import { astroBuild, copySite, ROOT } from '../harness/site-copy.ts';

const graphRequests = (counts: Record<string, number>) =>
  Object.entries(counts).reduce((sum, [route, n]) => (route === 'GET /cdn' ? sum : sum + n), 0);

async function oursVersusNaive() {
  const harness = await createSyncHarness();
  try {
    const { outcome } = await harness.sync();
    const ours = graphRequests(harness.counts());
    harness.emulator.control.reset();
    await naiveSync(harness.emulator);
    const naive = graphRequests(harness.counts());
    const inWindows = outcome.posts.filter((post) => post.eventIds.length > 0).length;
    return { ours, naive, inWindows, feedOnly: outcome.posts.length - inWindows };
  } finally {
    await harness.close();
  }
}

/** What a straightforward client does: default page size, then the children of each carousel. */
async function naiveSync(emulator: RunningEmulator) {
  const client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: emulator.demoToken });
  const fields =
    'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,username,alt_text';
  for await (const page of listMedia(client, { userId: emulator.userId, limit: 25, fields })) {
    for (const media of page)
      if (media.media_type === 'CAROUSEL_ALBUM')
        await getChildren(client, media.id, MEDIA_CHILD_FIELDS);
  }
  await client.close();
}

async function twoBuilds() {
  const emulator = await startEmulator();
  const site = await copySite(path.join(ROOT, 'content'));
  const env = { INSTAGRAM_GRAPH_BASE: emulator.graphBase, IG_ACCESS_TOKEN: emulator.demoToken };
  try {
    const runs = [];
    for (const label of ['first build (cold)', 'second build (no change)']) {
      emulator.control.reset();
      const build = await astroBuild(site.root, env);
      if (build.code !== 0) throw new Error(`${label} failed:\n${build.output}`);
      const counts = emulator.control.counts().byRoute;
      runs.push({
        label,
        ms: build.ms,
        graph: graphRequests(counts),
        downloads: counts['GET /cdn'] ?? 0,
        encodes: imageCounts(build.output).encoded,
        reused: imageCounts(build.output).fromCache,
        analysed: Number(/\((\d+) analysed/.exec(build.output)?.[1] ?? NaN),
      });
    }
    return runs;
  } finally {
    await site.remove();
    await emulator.close();
  }
}

const requests = await oursVersusNaive();
console.log('\nGraph API requests for one full sync of the demo account (emulator counters)\n');
console.table({
  'this client': { requests: requests.ours },
  'naive client (limit 25, /children per carousel)': { requests: requests.naive },
});
console.log(
  `naive / ours = ${(requests.naive / requests.ours).toFixed(1)}× (${requests.inWindows} posts in event windows, ${requests.feedOnly} more kept for feeds; target ≥ 4×)`,
);

const [first, second] = await twoBuilds();
console.log('\nTwo builds of a fresh copy of the site, live mode against the emulator\n');
console.table(
  Object.fromEntries(
    [first!, second!].map((r) => [
      r.label,
      {
        'wall time (s)': +(r.ms / 1000).toFixed(1),
        'Graph requests': r.graph,
        'media downloads': r.downloads,
        'image encodes': r.encodes,
        'images reused from cache': r.reused,
        'guest photos decoded': r.analysed,
      },
    ]),
  ),
);
console.log(`second / first wall time = ${(second!.ms / first!.ms).toFixed(2)}`);
const ok =
  requests.naive / requests.ours >= 4 &&
  second!.downloads === 0 &&
  second!.encodes === 0 &&
  second!.analysed === 0;
console.log(ok ? '\nAll targets met.' : '\nA target was missed (see above).');
process.exitCode = ok ? 0 : 1;
