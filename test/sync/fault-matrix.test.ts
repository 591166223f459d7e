import { access, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoSeedPath,
  loadSeed,
  type FaultSpec,
  type SeedMedia,
} from '../../integration/emulator/index.ts';
import type { SyncedPost } from '../../integration/sync/instagram-post.ts';
import type { InstagramSyncOutcome } from '../../integration/sync/instagram-sync.ts';
import { SNAPSHOT_FILE } from '../../integration/sync/snapshot.ts';
import { InstagramSyncError } from '../../integration/sync/sync-failure.ts';
import { createSyncHarness } from '../../harness/sync-harness.ts';

/**
 * The sync's fault matrix: every fault against every state (snapshot present or absent; media
 * cache complete, missing one file, or empty; strict or not), with what the build does, what it
 * logs and what the snapshot becomes. The same table is in the docs (docs/sync.md).
 *
 * Three small posts keep each case fast: an image (X, the one whose file goes missing), a
 * carousel of an image and a video, and a video. Waits between retries are recorded, not waited.
 */

const LIST = 'GET /{ig-user-id}/media';
const CDN = 'GET /cdn';
const X = '17900000000000001';
const CAROUSEL = '17900000000000002';
const VIDEO = '17900000000000003';
const ALL = [X, CAROUSEL, VIDEO].sort();

const tiny = { width: 96, height: 96, likeCount: 1, commentsCount: 0 };
const media: SeedMedia[] = [
  {
    ...tiny,
    id: X,
    mediaType: 'IMAGE',
    productType: 'FEED',
    caption: 'Image',
    timestamp: '2026-11-20T12:00:00Z',
    shortcode: 'FMX1',
  },
  {
    ...tiny,
    id: CAROUSEL,
    mediaType: 'CAROUSEL_ALBUM',
    productType: 'FEED',
    caption: 'Carousel',
    timestamp: '2026-11-19T12:00:00Z',
    shortcode: 'FMC2',
    children: [
      { id: '17900000000000021', mediaType: 'IMAGE', width: 96, height: 96 },
      { id: '17900000000000022', mediaType: 'VIDEO', width: 96, height: 96 },
    ],
  },
  {
    ...tiny,
    id: VIDEO,
    mediaType: 'VIDEO',
    productType: 'REELS',
    caption: 'Video',
    timestamp: '2026-11-18T12:00:00Z',
    shortcode: 'FMV3',
  },
];

type Build = 'live' | 'snapshot' | 'none' | 'fails';
/** Which posts: `all but one` is whichever post the one failed download hit. */
type Posts = 'all' | 'all but X' | 'all but one' | 'none';
/** `unchanged`: the same bytes as before the sync (an absent snapshot stays absent). */
type SnapshotAfter = Posts | 'unchanged';
type Outcome = [build: Build, posts: Posts, snapshot: SnapshotAfter];

type SnapshotState = 'present' | 'absent';
type CacheState = 'complete' | 'missing one file' | 'empty';
type StateKey = `${SnapshotState}, ${CacheState}`;
/** The non-strict outcome per state; `strict` is what strict mode does where it differs. */
type Outcomes = Record<StateKey, Outcome> & { strict?: Partial<Record<StateKey, Outcome>> };

const every = (outcome: Outcome): Record<StateKey, Outcome> => ({
  'present, complete': outcome,
  'present, missing one file': outcome,
  'present, empty': outcome,
  'absent, complete': outcome,
  'absent, missing one file': outcome,
  'absent, empty': outcome,
});
const FAILS: Outcome = ['fails', 'none', 'unchanged'];

/** A retried fault that clears: the sync goes on as if nothing happened. */
const RECOVERS: Outcomes = every(['live', 'all', 'all']);

/** The Graph API keeps failing: the last snapshot, less the posts whose files left the cache. */
const API_DOWN: Outcomes = {
  'present, complete': ['snapshot', 'all', 'unchanged'],
  'present, missing one file': ['snapshot', 'all but X', 'unchanged'],
  'present, empty': ['snapshot', 'none', 'unchanged'],
  'absent, complete': ['none', 'none', 'unchanged'],
  'absent, missing one file': ['none', 'none', 'unchanged'],
  'absent, empty': ['none', 'none', 'unchanged'],
  strict: every(FAILS),
};

/** The CDN refuses one download (403 is not retried): that post is left out, or fails strict. */
const CDN_REFUSES_ONCE: Outcomes = {
  'present, complete': ['live', 'all', 'all'],
  'present, missing one file': ['live', 'all but X', 'all'],
  'present, empty': ['live', 'all but one', 'all'],
  'absent, complete': ['live', 'all', 'all'],
  'absent, missing one file': ['live', 'all but X', 'all but X'],
  'absent, empty': ['live', 'all but one', 'all but one'],
  strict: {
    'present, missing one file': FAILS,
    'present, empty': FAILS,
    'absent, missing one file': FAILS,
    'absent, empty': FAILS,
  },
};

/** The CDN keeps failing: only posts whose files are all cached are built. */
const CDN_DOWN: Outcomes = {
  'present, complete': ['live', 'all', 'all'],
  'present, missing one file': ['live', 'all but X', 'all'],
  'present, empty': ['live', 'none', 'unchanged'],
  'absent, complete': ['live', 'all', 'all'],
  'absent, missing one file': ['live', 'all but X', 'all but X'],
  'absent, empty': ['live', 'none', 'unchanged'],
  strict: CDN_REFUSES_ONCE.strict,
};

interface FaultRow {
  fault: string;
  inject: FaultSpec[];
  /** What the log (or, in strict mode, the error) says of the cause, where the build is not live. */
  cause?: RegExp;
  outcomes: Outcomes;
  /** Graph client options for this row. */
  client?: { timeoutMs: number };
}

const always = { times: 0 };
const MEDIA_CAUSE = /could not be downloaded and no cached copy exists/;
const FAULTS: FaultRow[] = [
  { fault: 'no fault', inject: [], outcomes: RECOVERS },
  {
    fault: 'media list 500 once',
    inject: [{ route: LIST, status: 500 }],
    outcomes: RECOVERS,
  },
  {
    fault: 'media list 500 always',
    inject: [{ route: LIST, status: 500, ...always }],
    cause: /kept failing after retries.*HTTP 500|kept failing after retries.*unexpected error/,
    outcomes: API_DOWN,
  },
  {
    fault: '429, code 4 (app rate limit)',
    inject: [{ route: LIST, status: 429, error: { code: 4 }, ...always }],
    cause: /rate limit was reached \(code 4\)/,
    outcomes: API_DOWN,
  },
  {
    fault: '429, code 613 (call rate limit)',
    inject: [{ route: LIST, status: 429, error: { code: 613 }, ...always }],
    cause: /rate limit was reached \(code 613\)/,
    outcomes: API_DOWN,
  },
  {
    fault: '190/463 (token expired)',
    inject: [{ route: LIST, error: { code: 190, subcode: 463 }, ...always }],
    cause: /token expired \(code 190\/463\)/,
    outcomes: API_DOWN,
  },
  {
    fault: '190/460 (password changed, session invalidated)',
    inject: [{ route: LIST, error: { code: 190, subcode: 460 }, ...always }],
    cause: /invalid or was revoked \(code 190\/460\)/,
    outcomes: API_DOWN,
  },
  {
    fault: 'dropped connection',
    inject: [{ route: LIST, dropResponse: true, ...always }],
    cause: /kept failing after retries.*network error/,
    outcomes: API_DOWN,
  },
  {
    fault: 'malformed body',
    inject: [{ route: LIST, body: 'malformed', ...always }],
    cause: /kept failing after retries.*not JSON/,
    outcomes: API_DOWN,
  },
  {
    // The answer would come after 30 s; the client gives up after 100 ms, so no machine is too slow.
    fault: 'slow answer (past the client timeout)',
    inject: [{ route: LIST, delayMs: 30_000, ...always }],
    cause: /timed out after 100 ms/,
    outcomes: API_DOWN,
    client: { timeoutMs: 100 },
  },
  {
    fault: 'CDN 403 once',
    inject: [{ route: CDN, status: 403 }],
    cause: MEDIA_CAUSE,
    outcomes: CDN_REFUSES_ONCE,
  },
  {
    fault: 'CDN 403 always',
    inject: [{ route: CDN, status: 403, ...always }],
    cause: MEDIA_CAUSE,
    outcomes: CDN_DOWN,
  },
  {
    fault: 'CDN 500 once (retried)',
    inject: [{ route: CDN, status: 500 }],
    outcomes: RECOVERS,
  },
  {
    fault: 'CDN 500 always',
    inject: [{ route: CDN, status: 500, ...always }],
    cause: MEDIA_CAUSE,
    outcomes: CDN_DOWN,
  },
];

const STATES = (['present', 'absent'] as const).flatMap((snapshot) =>
  (['complete', 'missing one file', 'empty'] as const).flatMap((cache) =>
    [false, true].map((strict) => ({
      snapshot,
      cache,
      strict,
      mode: strict ? 'strict' : 'not strict',
    })),
  ),
);

const seed = await loadSeed(demoSeedPath);
let h: Awaited<ReturnType<typeof createSyncHarness>>;
let golden: string;
let fileOfX: string;
const mediaDir = () => path.join(h.dataDir, 'media');
const snapshotFile = () => path.join(h.dataDir, SNAPSHOT_FILE);

beforeAll(async () => {
  h = await createSyncHarness({
    emulator: { seed: { accounts: [{ ...seed.accounts[0]!, media }] } },
  });
  const { outcome } = await h.sync();
  expect(outcome.posts.map((p) => p.id).sort()).toEqual(ALL);
  fileOfX = outcome.posts.find((p) => p.id === X)!.items[0]!.image!.file!;
  golden = await mkdtemp(path.join(os.tmpdir(), 'ais-fault-matrix-'));
  await cp(h.dataDir, golden, { recursive: true });
});

afterAll(async () => {
  await h?.close();
  if (golden) await rm(golden, { recursive: true, force: true });
});

async function arrange(snapshot: SnapshotState, cache: CacheState): Promise<void> {
  await rm(h.dataDir, { recursive: true, force: true });
  await cp(golden, h.dataDir, { recursive: true });
  if (snapshot === 'absent') await rm(snapshotFile());
  if (cache === 'missing one file') await rm(path.join(mediaDir(), fileOfX));
  if (cache === 'empty') await rm(mediaDir(), { recursive: true });
  h.emulator.control.reset();
  for (const lines of Object.values(h.logs)) lines.length = 0;
  h.sleeps.length = 0;
}

describe.each(FAULTS)('$fault', (row) => {
  it.each(STATES)('snapshot $snapshot, cache $cache, $mode', async (state) => {
    const key: StateKey = `${state.snapshot}, ${state.cache}`;
    const [build, posts, snapshotAfter] =
      (state.strict && row.outcomes.strict?.[key]) || row.outcomes[key];
    await arrange(state.snapshot, state.cache);
    const before = await readFile(snapshotFile(), 'utf8').catch(() => undefined);
    for (const fault of row.inject) h.emulator.control.addFault(fault);

    const result = await h.sync({ strict: state.strict, maxRetries: 2, ...row.client }).then(
      ({ outcome }) => outcome,
      (error: unknown) => error,
    );

    const after = await readFile(snapshotFile(), 'utf8').catch(() => undefined);
    if (snapshotAfter === 'unchanged') expect(after).toBe(before);
    else {
      expect(after).not.toBe(before);
      expectPosts(JSON.parse(after!).posts, snapshotAfter);
    }

    if (build === 'fails') {
      expect(result).toBeInstanceOf(InstagramSyncError);
      expect((result as Error).message).toMatch(row.cause!);
      if (row.cause === MEDIA_CAUSE && state.cache === 'missing one file')
        expect((result as Error).message).toContain(X);
      return;
    }
    const outcome = result as InstagramSyncOutcome;
    expect(outcome.source).toBe(build);
    const built = expectPosts(outcome.posts, posts);
    await expectMediaOnDisk(outcome.posts);
    for (const id of ALL.filter((id) => !built.includes(id)).filter(() => build !== 'none'))
      expect(h.logs.warn.join('\n')).toMatch(new RegExp(`Instagram post ${id}.*left out`));
    if (build === 'live' && snapshotAfter === 'unchanged')
      expect(h.logs.warn.join('\n')).toMatch(
        /could not be downloaded, so (the last snapshot|no snapshot)/,
      );
    if (build === 'snapshot') expect(h.logs.error.join('\n')).toMatch(/last good snapshot/);
    if (build === 'none') expect(h.logs.error.join('\n')).toMatch(/guest photos only/);
    if (build !== 'live') expect(h.logs.error.join('\n')).toMatch(row.cause!);
  });
});

it('keeps the snapshot copy of a post whose download failed while its files are still cached', async () => {
  await arrange('present', 'complete');
  await rm(path.join(mediaDir(), 'media.index.json')); // the index is lost, the files are not
  const before = await readFile(snapshotFile(), 'utf8');
  h.emulator.control.addFault({ route: CDN, status: 500, ...always });

  const { outcome } = await h.sync({ maxRetries: 2 });

  expect(outcome.source).toBe('live');
  expectPosts(outcome.posts, 'all');
  await expectMediaOnDisk(outcome.posts);
  expect(h.logs.warn.join('\n')).toMatch(
    new RegExp(`Instagram post ${X}.*download failed.*keeping its copy from the last snapshot`),
  );
  expect(await readFile(snapshotFile(), 'utf8')).toBe(before);
});

/** Checks the post ids against the table's words; returns them sorted. */
function expectPosts(posts: Pick<SyncedPost, 'id'>[], expected: Posts): string[] {
  const ids = posts.map((p) => p.id).sort();
  if (expected === 'all') expect(ids).toEqual(ALL);
  if (expected === 'none') expect(ids).toEqual([]);
  if (expected === 'all but X') expect(ids).toEqual(ALL.filter((id) => id !== X));
  if (expected === 'all but one') {
    expect(ids).toHaveLength(ALL.length - 1);
    expect(ALL).toEqual(expect.arrayContaining(ids));
  }
  return ids;
}

/** What keeps `astro:assets` from failing the build with ImageNotFound: every named file exists. */
async function expectMediaOnDisk(posts: SyncedPost[]): Promise<void> {
  const files = posts.flatMap((p) => p.items.flatMap((i) => [i.image?.file, i.video?.file]));
  for (const file of files.filter((f) => f !== undefined))
    await expect(access(path.join(mediaDir(), file))).resolves.toBeUndefined();
}
