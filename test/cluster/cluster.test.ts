import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Cluster, ClusterInstance } from '../../harness/cluster.ts';
import {
  ADMIN_PASSWORD,
  startClusterSite,
  UPLOAD_EVENT,
  type ClusterSite,
  type StartingClusterSite,
} from '../../harness/cluster-site.ts';
import { ROOT } from '../../harness/site-copy.ts';
import { parseModeration } from '../../integration/guest/index.ts';
import type { PublishJob } from '../../integration/publish/index.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';
import {
  ADMIN,
  call,
  guestUpload,
  numberedPhoto,
  postJson,
  rebuildOutcome,
  signedDelivery,
  stageUpload,
} from './cluster-client.ts';
import { syncGuestPhotos } from './guest-photos-sync.ts';

// Three `npm start` instances of one build of the reference site on one PostgreSQL and one S3
// bucket (s3rver), behind a round-robin proxy on loopback, with the emulator as Instagram: any
// instance may serve any request, and nothing is lost, done twice or kept by one instance only.
// Every wait polls the state (store, bucket, emulator, pages); the timeouts are hang guards.
vi.setConfig({ testTimeout: 10 * 60_000, hookTimeout: BUILD_TIMEOUT_MS });

const HANG_GUARD = { timeout: 5 * 60_000, interval: 250 };

let starting: StartingClusterSite | undefined;
let site: ClusterSite;
let cluster: Cluster;
beforeAll(async () => {
  starting = startClusterSite({ galleries: false });
  site = await starting.ready;
  cluster = await site.startInstances(3);
});
// Also when the build or a start failed or timed out: every process and temp folder goes.
afterAll(() => starting?.stop());
afterEach((context) => {
  if (context.task.result?.state === 'fail' && cluster)
    process.stderr.write(
      `\nThe cluster's last output:\n${cluster.output().split('\n').slice(-80).join('\n')}\n`,
    );
});

const live = () => cluster.instances.filter((instance) => instance.exited() === undefined);
const graphCount = (route: string) => site.emulator.control.counts().byRoute[route] ?? 0;
const postsCaptioned = (caption: string) =>
  site.emulator.control.publishedMedia().filter((post) => post.caption === caption);
const job = async (id: string) => site.store.getPublishJob<PublishJob>(id);
/** The job once it ended (published or failed). */
async function ended(id: string): Promise<PublishJob | undefined> {
  let last: PublishJob | undefined;
  await expect
    .poll(async () => {
      last = await job(id);
      return last?.status === 'published' || last?.status === 'failed';
    }, HANG_GUARD)
    .toBe(true);
  return last;
}
const unfinishedJobs = async () => [
  ...(await site.store.listPublishJobs({ status: 'queued' })),
  ...(await site.store.listPublishJobs({ status: 'running' })),
];

async function bucketKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await site.s3.client.send(
      new ListObjectsV2Command({
        Bucket: site.s3.options.bucket,
        Prefix: prefix,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).flatMap((item) => (item.Key ? [item.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.map((key) => key.slice(prefix.length)).sort();
}

/** Resolves once no live instance has a rebuild waiting (each /admin/rebuilds page says so). */
async function rebuildsSettled(): Promise<void> {
  await expect
    .poll(
      async () => (await Promise.all(live().map((i) => rebuildOutcome(i.url)))).includes('pending'),
      HANG_GUARD,
    )
    .toBe(false);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('three instances behind a round-robin proxy', () => {
  it('a login through instance A is a session on B and C', async () => {
    const [a, b, c] = cluster.instances as [ClusterInstance, ClusterInstance, ClusterInstance];
    const login = await fetch(`${a.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ password: ADMIN_PASSWORD }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers
      .getSetCookie()
      .find((line) => line.startsWith('ais_admin='))
      ?.split(';')[0];
    expect(cookie).toBeDefined();
    for (const instance of [a, b, c]) {
      const answer = await call(instance.url, '/api/instagram/accounts', {
        headers: { cookie: cookie ?? '' },
      });
      expect(answer.status, `instance ${instance.index}: ${answer.text}`).toBe(200);
      expect(answer.json.accounts.map((account: { userId: string }) => account.userId)).toEqual([
        site.accountId,
      ]);
    }
    // Shared through the store: not through the adapter's session folder, which only works
    // because these three instances happen to share one disk.
    expect(await filesUnder(path.join(site.root, 'node_modules/.astro/sessions'))).toEqual([]);
  });

  it('50 concurrent token refreshes spread over the instances make exactly 1 refresh call to Instagram', async () => {
    const before = graphCount('GET /refresh_access_token');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        postJson(cluster.url, '/api/instagram/token/refresh', { account: site.accountId }),
      ),
    );
    for (const answer of answers) {
      // Those that shared the refresh answer 200; those that came once it was stored find a
      // token under 24 hours old (409), as a second refresh would.
      if (answer.status === 409) expect(answer.json.error.code, answer.text).toBe('too_new');
      else expect(answer.status, answer.text).toBe(200);
    }
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
    expect(graphCount('GET /refresh_access_token') - before).toBe(1);
    const account = await site.store.getAccount(site.accountId);
    expect(account?.refreshedAt).not.toBeNull();
  });

  it('the same publish request sent to all three gives one job and one post', async () => {
    const photo = await numberedPhoto(7, 1080, 1080);
    const upload = await stageUpload(cluster.url, photo, 'cluster-square.jpg');
    const caption = `One post from three requests ${randomUUID()}`;
    const request = {
      account: site.accountId,
      kind: 'image',
      items: [{ source: { type: 'upload', uploadId: upload.id } }],
      caption,
      idempotencyKey: randomUUID(),
    };
    // Each instance gets it directly, at once; the upload was taken by whichever the proxy chose.
    const answers = await Promise.all(
      cluster.instances.map((instance) => postJson(instance.url, '/api/publish', request)),
    );
    for (const answer of answers) expect([200, 202], answer.text).toContain(answer.status);
    const ids = new Set(answers.map((answer) => answer.json.job.id as string));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    const id = [...ids][0] as string;
    const end = await ended(id);
    expect(end?.status, JSON.stringify(end?.error)).toBe('published');
    const jobs = await site.store.listPublishJobs<PublishJob>({ limit: 1000 });
    expect(jobs.filter((stored) => stored.caption === caption)).toHaveLength(1);
    await expect.poll(unfinishedJobs, HANG_GUARD).toEqual([]);
    expect(postsCaptioned(caption)).toHaveLength(1);
  });

  it('100 guest uploads with approvals and rejections spread over the instances: none lost, none duplicated, and the next build reads exactly the approved ones', async () => {
    const limit = pLimit(8);
    const uploads = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        limit(async () =>
          guestUpload(cluster.url, UPLOAD_EVENT, `guest-${i}.jpg`, await numberedPhoto(i)),
        ),
      ),
    );
    expect(uploads.flatMap((upload) => (upload.ok ? [] : [upload.reason]))).toEqual([]);
    const names = uploads.flatMap((upload) => (upload.ok ? [upload.name] : []));
    expect(new Set(names).size).toBe(100);
    const pending = await call(cluster.url, `/api/admin/moderation?event=${UPLOAD_EVENT}`, {
      headers: ADMIN,
    });
    expect(pending.json.photos.map((photo: { name: string }) => photo.name).sort()).toEqual(
      [...names].sort(),
    );

    // One decision per request: a third rejected, the rest approved, each on whichever instance.
    const decisionOf = (index: number) => (index % 3 === 0 ? 'reject' : 'approve');
    const decisions = await Promise.all(
      names.map((name, index) =>
        limit(() =>
          postJson(cluster.url, '/api/admin/moderation', {
            action: decisionOf(index),
            event: UPLOAD_EVENT,
            names: [name],
          }),
        ),
      ),
    );
    expect(decisions.filter((d) => d.status !== 200).map((d) => d.text)).toEqual([]);
    const approved = names.filter((_, index) => decisionOf(index) === 'approve').sort();
    const rejected = names.filter((_, index) => decisionOf(index) === 'reject').sort();

    // The bucket holds each photo once, in the folder of its decision…
    const keys = await bucketKeys(`${UPLOAD_EVENT}/`);
    expect(keys.filter((key) => !key.includes('/') && key !== 'moderation.yaml')).toEqual(approved);
    expect(keys.filter((key) => key.startsWith('rejected/'))).toEqual(
      rejected.map((name) => `rejected/${name}`),
    );
    expect(keys.filter((key) => /^(pending|incoming)\//.test(key))).toEqual([]);
    // …and moderation.yaml one entry per photo, with that decision.
    const yaml = await site.s3.client.send(
      new GetObjectCommand({
        Bucket: site.s3.options.bucket,
        Key: `${UPLOAD_EVENT}/moderation.yaml`,
      }),
    );
    const records = parseModeration(await yaml.Body?.transformToString(), 'moderation.yaml');
    expect([...records.keys()].sort()).toEqual([...names].sort());
    for (const name of approved) expect(records.get(name)?.status, name).toBe('approved');
    for (const name of rejected) expect(records.get(name)?.status, name).toBe('rejected');
    const after = await call(cluster.url, `/api/admin/moderation?event=${UPLOAD_EVENT}`, {
      headers: ADMIN,
    });
    expect(after.json.photos).toEqual([]);

    // The next build's guest-photo loader, on the same bucket, reads exactly the approved ones.
    const entries = await syncGuestPhotos(site.root, site.s3.options);
    expect(entries.filter((id) => id.startsWith(`${UPLOAD_EVENT}/`)).sort()).toEqual(
      approved.map((name) => `${UPLOAD_EVENT}/${name}`),
    );
  });

  it('100 webhook deliveries with duplicates spread over the instances: each change stored once, and one rebuild', async () => {
    await rebuildsSettled(); // the approvals above asked for a rebuild of their own
    const hookCallsBefore = site.hook.requests.length;
    const eventsBefore = (await site.store.webhookEventSummary()).total;
    // 40 distinct comments: the first 20 delivered three times, the others twice (Meta's retries).
    const bodies = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: site.accountId,
            time: 1_780_000_000 + i,
            changes: [
              {
                field: 'comments',
                value: {
                  id: `179000000000${String(i).padStart(5, '0')}`,
                  text: `cluster comment ${i}`,
                  from: { id: '17841400000000099', username: 'guest' },
                  media: { id: '18000000000000001' },
                },
              },
            ],
          },
        ],
      }),
    );
    const deliveries = bodies.flatMap((body, i) => (i < 20 ? [body, body, body] : [body, body]));
    expect(deliveries).toHaveLength(100);
    // Interleaved, so copies of one change reach different instances at about the same time.
    const order = deliveries.map((_, i) => (i * 37) % deliveries.length);
    expect(new Set(order).size).toBe(100);
    const limit = pLimit(10);
    const answers = await Promise.all(
      order.map((index) =>
        limit(() => {
          const body = deliveries[index] as string;
          return call(cluster.url, '/api/instagram/webhook', {
            method: 'POST',
            headers: signedDelivery(body),
            body,
          });
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.text}`)).toEqual([]);
    await expect
      .poll(async () => site.store.webhookEventSummary(), HANG_GUARD)
      .toMatchObject({ total: eventsBefore + 40, unprocessed: 0 });
    await expect.poll(() => site.hook.requests.length, HANG_GUARD).toBeGreaterThan(hookCallsBefore);
    await rebuildsSettled();
    expect(site.hook.requests.length - hookCallsBefore).toBe(1);
  });

  it('kill -9 of the instance running a publish job: another instance finishes it, with one post', async () => {
    // The reel's video stays IN_PROGRESS until the emulator's clock moves: the job waits,
    // polling its container, on the instance that runs it.
    site.emulator.control.setVideoProcessingMs(3_600_000);
    const reel = await readFile(path.join(ROOT, 'test/fixtures/media/reel-4s.mp4'));
    const upload = await stageUpload(cluster.url, reel, 'cluster-reel.mp4');
    const caption = `Taken over after kill -9 ${randomUUID()}`;
    const submitted = await postJson(cluster.url, '/api/publish', {
      account: site.accountId,
      kind: 'reel',
      items: [{ source: { type: 'upload', uploadId: upload.id } }],
      caption,
      idempotencyKey: randomUUID(),
    });
    expect(submitted.status, submitted.text).toBe(202);
    const id: string = submitted.json.job.id;
    let containerId: string | undefined;
    await expect
      .poll(async () => {
        containerId = (await job(id))?.items[0]?.containerId;
        return containerId;
      }, HANG_GUARD)
      .toBeDefined();
    // The runner is the instance asking Instagram about the container (its tap saw it).
    const pollsOf = (instance: ClusterInstance) =>
      instance.graphCalls.filter((c) => c.method === 'GET' && c.path.includes(`/${containerId}`));
    let runners: ClusterInstance[] = [];
    await expect
      .poll(() => {
        runners = cluster.instances.filter((instance) => pollsOf(instance).length > 0);
        return runners.length;
      }, HANG_GUARD)
      .toBe(1);
    const [runner] = runners as [ClusterInstance];
    expect((await job(id))?.status).toBe('running');

    await runner.kill('SIGKILL');
    const survivors = live();
    expect(survivors).toHaveLength(2);
    const seenBefore = new Map(survivors.map((i) => [i, i.graphCalls.length]));
    site.emulator.control.advanceClock(3600); // the video is processed now

    const end = await ended(id);
    expect(end?.status, JSON.stringify(end?.error)).toBe('published');
    expect(postsCaptioned(caption)).toHaveLength(1);
    const publishedBy = survivors.filter((instance) =>
      instance.graphCalls
        .slice(seenBefore.get(instance))
        .some((c) => c.method === 'POST' && c.path.includes('/media_publish')),
    );
    expect(publishedBy).toHaveLength(1);
    await expect.poll(unfinishedJobs, HANG_GUARD).toEqual([]);
    expect(postsCaptioned(caption)).toHaveLength(1);
  });

  it('no instance kept on its own disk a file another instance needed', async () => {
    for (const instance of cluster.instances)
      expect(await filesUnder(instance.dataDir), `instance ${instance.index}`).toEqual([]);
  });
});
