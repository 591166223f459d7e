/**
 * `npm run bench:cluster`: the reference site built once, then served by 1 and by 3 `npm start`
 * instances on one PostgreSQL and one S3 bucket (s3rver) behind the round-robin proxy of the
 * cluster test, with the emulator as Instagram. Requests per second for a gallery page and for
 * the cached analytics endpoint with each, printed as ratios measured in one run; then how long
 * a publish job of a `kill -9`ed instance takes to be taken over by another. No pass or fail:
 * on a machine with fewer cores than instances, 3 instances share the same CPUs as 1.
 */
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Cluster, ClusterInstance } from '../harness/cluster.ts';
import { ADMIN_API_TOKEN, startClusterSite, type ClusterSite } from '../harness/cluster-site.ts';
import { ROOT } from '../harness/site-copy.ts';
import type { PublishJob } from '../integration/publish/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const GALLERY = '/g/2026-04-29/';
const ADMIN = { authorization: `Bearer ${ADMIN_API_TOKEN}` };
/** How long the takeover may take before the bench says it did not happen. */
const TAKEOVER_LIMIT_MS = 5 * 60_000;

interface Throughput {
  requestsPerSecond: number;
  failures: number;
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<Throughput> {
  // The load comes from a worker thread: this thread runs the proxy.
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: SECONDS,
    workers: 1,
  });
  return {
    requestsPerSecond: result.requests.average,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

async function expectOk(url: string, headers: Record<string, string> = {}): Promise<void> {
  const answer = await fetch(url, { headers });
  await answer.arrayBuffer();
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
}

async function throughput(site: ClusterSite, cluster: Cluster) {
  const analytics = `/api/instagram/analytics?account=${site.accountId}&since=2026-01-01&until=2026-06-30`;
  // Each instance caches the payload for 5 minutes: one request to each fills its cache.
  for (const instance of cluster.instances) await expectOk(`${instance.url}${analytics}`, ADMIN);
  await expectOk(`${cluster.url}${GALLERY}`);
  return {
    gallery: await measure(`${cluster.url}${GALLERY}`),
    analytics: await measure(`${cluster.url}${analytics}`, ADMIN),
  };
}

async function waitFor<T>(
  read: () => Promise<T | undefined> | T | undefined,
  limitMs: number,
): Promise<T | undefined> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A reel whose video is processing; its runner is killed; how long until another instance runs it, and until it is published. */
async function takeover(site: ClusterSite, cluster: Cluster) {
  site.emulator.control.setVideoProcessingMs(3_600_000);
  const reel = await readFile(path.join(ROOT, 'test/fixtures/media/reel-4s.mp4'));
  const staged = await fetch(`${cluster.url}/api/publish/uploads?name=bench-reel.mp4`, {
    method: 'POST',
    headers: ADMIN,
    body: reel,
  });
  const { upload } = (await staged.json()) as { upload: { id: string } };
  const submitted = await fetch(`${cluster.url}/api/publish`, {
    method: 'POST',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({
      account: site.accountId,
      kind: 'reel',
      items: [{ source: { type: 'upload', uploadId: upload.id } }],
      caption: `bench:cluster takeover ${Date.now()}`,
      idempotencyKey: `bench-cluster-${Date.now()}`,
    }),
  });
  const { job } = (await submitted.json()) as { job: PublishJob };
  const containerId = await waitFor(
    async () => (await site.store.getPublishJob<PublishJob>(job.id))?.items[0]?.containerId,
    60_000,
  );
  if (!containerId) throw new Error(`publish job ${job.id} made no container`);
  const asksAbout = (instance: ClusterInstance, since = 0) =>
    instance.graphCalls.find((call) => call.at >= since && call.path.includes(`/${containerId}`));
  const runner = await waitFor(
    () => cluster.instances.find((instance) => asksAbout(instance)),
    60_000,
  );
  if (!runner) throw new Error(`no instance polls the container of job ${job.id}`);
  await runner.kill('SIGKILL');
  const killedAt = Date.now();
  site.emulator.control.advanceClock(3600); // the video is processed now
  const survivors = cluster.instances.filter((instance) => instance !== runner);
  const takenAt = await waitFor(
    () => survivors.map((instance) => asksAbout(instance, killedAt)?.at).find(Boolean),
    TAKEOVER_LIMIT_MS,
  );
  const publishedAt =
    takenAt === undefined
      ? undefined
      : await waitFor(async () => {
          const stored = await site.store.getPublishJob<PublishJob>(job.id);
          return stored?.status === 'published' ? Date.now() : undefined;
        }, TAKEOVER_LIMIT_MS);
  return {
    takeoverMs: takenAt === undefined ? undefined : takenAt - killedAt,
    publishedMs: publishedAt === undefined ? undefined : publishedAt - killedAt,
  };
}

const log = (line: string) => console.log(`[bench:cluster] ${line}`);
const starting = startClusterSite({ log });
process.once('SIGINT', () => void starting.stop().then(() => process.exit(130)));
const site = await starting.ready;
try {
  log('1 instance…');
  const single = await site.startInstances(1);
  const one = await throughput(site, single);
  await single.stop();
  log('3 instances…');
  const triple = await site.startInstances(3);
  const three = await throughput(site, triple);
  log('kill -9 of the instance running a publish job…');
  const { takeoverMs, publishedMs } = await takeover(site, triple);

  const row = (one: Throughput, three: Throughput) => ({
    '1 instance (req/s)': Math.round(one.requestsPerSecond),
    '3 instances (req/s)': Math.round(three.requestsPerSecond),
    'ratio 3 / 1': +(three.requestsPerSecond / one.requestsPerSecond).toFixed(2),
    'failed requests': one.failures + three.failures,
  });
  console.log(
    `\n${SECONDS} s per measurement, ${CONNECTIONS} connections, through the round-robin proxy; ${availableParallelism()} CPUs on this machine\n`,
  );
  console.table({
    [`gallery page ${GALLERY}`]: row(one.gallery, three.gallery),
    'analytics (cached)': row(one.analytics, three.analytics),
  });
  const after = (ms: number | undefined) =>
    ms === undefined
      ? `not within ${TAKEOVER_LIMIT_MS / 1000} s`
      : `${(ms / 1000).toFixed(1)} s after the kill`;
  console.log(
    `\npublish job of a kill -9ed instance: taken over ${after(takeoverMs)}, published ${after(publishedMs)}`,
  );
} finally {
  await starting.stop();
}
