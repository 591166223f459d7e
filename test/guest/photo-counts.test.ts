/**
 * An event's guest photos by moderation state, for its report: read from a real folder laid out
 * as moderation leaves it (approved in the event folder, pending/ and rejected/), with the
 * moderation file's entries.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  guestPhotoCounts,
  localGuestStorage,
  PendingStore,
} from '../../integration/guest/index.ts';

let root: string;
let store: PendingStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ais-photo-counts-'));
  const folder = path.join(root, 'party');
  await mkdir(path.join(folder, 'pending'), { recursive: true });
  await mkdir(path.join(folder, 'rejected'), { recursive: true });
  const files = [
    'approved-1.jpg',
    'approved-2.png',
    'unlisted.jpg', // in the event folder with no entry: pending, as the build reads it
    'notes.txt', // not a photo
    'pending/waiting-1.jpg',
    'pending/waiting-2.jpg',
    'rejected/blurry.jpg',
    // An approval interrupted on S3: the copy is in the event folder, the original still in pending/.
    'pending/approved-1.jpg',
  ];
  for (const file of files) await writeFile(path.join(folder, file), 'bytes');
  await writeFile(
    path.join(folder, 'moderation.yaml'),
    [
      'photos:',
      '  approved-1.jpg: { status: approved }',
      '  approved-2.png: { status: approved }',
      '  waiting-1.jpg: { status: pending, uploader: Ana }',
      '  blurry.jpg: { status: rejected }',
      '  gone.jpg: { status: rejected }', // an entry whose file is gone: not counted
      '',
    ].join('\n'),
  );
  await mkdir(path.join(root, 'empty'));
  store = new PendingStore(localGuestStorage(root, '.'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('counts each photo once by its state: uploaded, approved, rejected and waiting', async () => {
  expect(await guestPhotoCounts(store, 'party')).toEqual({
    uploaded: 6,
    approved: 2,
    rejected: 1,
    pending: 3,
  });
});

it('counts nothing for an event without photos or without a folder', async () => {
  const none = { uploaded: 0, approved: 0, rejected: 0, pending: 0 };
  expect(await guestPhotoCounts(store, 'empty')).toEqual(none);
  expect(await guestPhotoCounts(store, 'no-folder')).toEqual(none);
});
