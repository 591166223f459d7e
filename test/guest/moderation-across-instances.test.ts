import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createS3Client,
  localGuestSource,
  localGuestStorage,
  moderatePhotos,
  moderationStatusOf,
  parseModeration,
  PendingStore,
  s3GuestSource,
  s3GuestStorage,
  type GuestPhotoSource,
  type GuestStorage,
} from '../../integration/guest/index.ts';
import { processLeases } from '../../integration/store/index.ts';
import { startS3 } from '../helpers/s3-server.ts';
import { SHARED_STATES, useSharedState, type SharedState } from '../helpers/shared-state.ts';

const EVENT = 'market';
const PHOTOS = Array.from({ length: 16 }, (_, i) => `guest-${String(i).padStart(2, '0')}.jpg`);
/** Every third photo is rejected, the others approved. */
const decisionFor = (i: number) => (i % 3 === 0 ? 'reject' : 'approve');

let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  s3 = await startS3('moderation-across-instances');
});
afterAll(() => s3?.close());
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface GuestFolder {
  /** A new handle on the one folder or bucket, as another instance would have. */
  storage(): GuestStorage;
  /** What the build reads. */
  source(): GuestPhotoSource;
}

async function localFolder(): Promise<GuestFolder> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-moderation-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return {
    storage: () => localGuestStorage(dir, 'photos'),
    source: () => localGuestSource(dir, 'photos'),
  };
}

function s3Folder(): GuestFolder {
  // A prefix per test: the bucket outlives the tests.
  const options = { ...s3.options, prefix: `run-${Math.random().toString(36).slice(2)}/` };
  const client = () => {
    const created = createS3Client(options);
    cleanups.push(async () => created.destroy());
    return created;
  };
  return {
    storage: () => s3GuestStorage(options, client()),
    source: () => s3GuestSource(options, client()),
  };
}

/** Two server instances: their own state-store handle, leases and guest storage each. */
async function instances(state: SharedState, folder: GuestFolder) {
  return Promise.all(
    [0, 1].map(async () => {
      const store = await state.open();
      return new PendingStore(folder.storage(), processLeases(store));
    }),
  );
}

async function uploadAll(store: PendingStore) {
  for (const [i, name] of PHOTOS.entries()) {
    await store.addPending(EVENT, name, new Uint8Array([0xff, 0xd8, i]), 'image/jpeg', {
      uploader: `Guest ${i}`,
      uploadedAt: new Date(Date.UTC(2026, 11, 5, 15, i)).toISOString(),
    });
  }
}

/** The approved photos as the build sees them: files in the event folder with an approved entry. */
async function builtPhotos(source: GuestPhotoSource): Promise<string[]> {
  const { objects, moderation } = await source.listEvent(EVENT);
  const records = parseModeration(moderation, `${EVENT}/moderation.yaml`);
  return objects
    .filter((object) => moderationStatusOf(records, object.name) === 'approved')
    .map((object) => object.name)
    .sort();
}

describe.each(SHARED_STATES)('moderation across instances on $name', (state) => {
  useSharedState(state);

  it.each([
    ['local disk', localFolder],
    ['S3', async () => s3Folder()],
  ])('concurrent decisions on two instances, on %s, lose nothing', async (_, makeFolder) => {
    const folder = await makeFolder();
    const [a, b] = await instances(state, folder);
    await uploadAll(a!);
    await Promise.all(
      PHOTOS.map((name, i) => moderatePhotos(i % 2 ? b! : a!, EVENT, [name], decisionFor(i))),
    );
    const records = await b!.records(EVENT);
    for (const [i, name] of PHOTOS.entries()) {
      const status = decisionFor(i) === 'approve' ? 'approved' : 'rejected';
      expect(records.get(name), name).toMatchObject({ status, uploader: `Guest ${i}` });
      expect(await a!.locate(EVENT, name), name).toBe(status);
    }
    expect(await builtPhotos(folder.source())).toEqual(
      PHOTOS.filter((_, i) => decisionFor(i) === 'approve'),
    );
    expect(await a!.listPending(EVENT)).toEqual([]);
  });

  it('an approval and a rejection of one photo at once on two instances apply one after the other', async () => {
    const folder = await localFolder();
    const [a, b] = await instances(state, folder);
    await uploadAll(a!);
    const [name] = PHOTOS;
    const [approved, rejected] = await Promise.all([
      moderatePhotos(a!, EVENT, [name!], 'approve'),
      moderatePhotos(b!, EVENT, [name!], 'reject'),
    ]);
    // Whichever went second started from where the first left the photo.
    const [first, second] =
      approved.photos[0]!.from === 'pending' ? [approved, rejected] : [rejected, approved];
    expect(first.photos[0]!.from).toBe('pending');
    expect(second.photos[0]!.from).toBe(first.photos[0]!.to);
    const last = second.photos[0]!.to;
    expect((await a!.records(EVENT)).get(name!)?.status).toBe(last);
    expect(await b!.locate(EVENT, name!)).toBe(last);
  });

  it('writes moderation.yaml whole: a reader never sees part of it, and no temporary file stays', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-moderation-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const [a, b] = await Promise.all(
      [0, 1].map(
        async () =>
          new PendingStore(localGuestStorage(dir, 'photos'), processLeases(await state.open())),
      ),
    );
    await uploadAll(a!);
    const file = path.join(dir, 'photos', EVENT, 'moderation.yaml');
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        // Every entry, every time: a torn or half-written file would lose some.
        expect(parseModeration(text, file).size).toBe(PHOTOS.length);
        reads++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(
      PHOTOS.flatMap((name, i) =>
        [0, 1, 2].map((round) =>
          (round % 2 ? b! : a!).updateRecords(
            EVENT,
            new Map([[name, { caption: `round ${round} of photo ${i}` }]]),
          ),
        ),
      ),
    );
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(
      (await readdir(path.join(dir, 'photos', EVENT))).filter((n) => n.endsWith('.part')),
    ).toEqual([]);
    expect((await a!.records(EVENT)).size).toBe(PHOTOS.length);
  });
});
