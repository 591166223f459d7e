import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedNow,
  approvedPhotoBytes,
  localGuestStorage,
  PendingStore,
} from '../../integration/guest/index.ts';

const EVENT = 'party';
let root: string;
let store: PendingStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ais-approved-now-'));
  const folder = path.join(root, EVENT);
  await mkdir(path.join(folder, 'pending'), { recursive: true });
  await mkdir(path.join(folder, 'rejected'), { recursive: true });
  const files: Record<string, string> = {
    'late.jpg': 'late',
    'early.jpg': 'early',
    'cut-short.jpg': 'an approval cut short: the file moved, the entry not yet',
    'unlisted.jpg': 'no entry: pending',
    'pending/waiting.jpg': 'waiting',
    'rejected/blurry.jpg': 'blurry',
    'notes.txt': 'not a photo',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  await utimes(path.join(folder, 'late.jpg'), new Date(), new Date('2026-04-29T22:00:00Z'));
  await writeFile(
    path.join(folder, 'moderation.yaml'),
    [
      'photos:',
      '  late.jpg: { status: approved, uploader: Ana, caption: Last dance }',
      '  early.jpg: { status: approved, uploaded_at: 2026-04-29T19:00:00Z, alt: A cake }',
      '  cut-short.jpg: { status: pending }',
      '  waiting.jpg: { status: pending }',
      '  blurry.jpg: { status: rejected }',
      '  notes.txt: { status: approved }',
    ].join('\n'),
  );
  store = new PendingStore(localGuestStorage(root, '.'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the guest photos approved now', () => {
  it('lists only approved image files in the event folder, oldest first, with their entries', async () => {
    const photos = await approvedNow(store, EVENT);
    expect(photos.map((photo) => photo.name)).toEqual(['early.jpg', 'late.jpg']);
    expect(photos[0]).toMatchObject({ uploadedAt: '2026-04-29T19:00:00Z', alt: 'A cake' });
    expect(photos[1]).toMatchObject({
      uploadedAt: '2026-04-29T22:00:00.000Z',
      uploader: 'Ana',
      caption: 'Last dance',
    });
    expect(photos[0]?.version).not.toBe(photos[1]?.version);
  });

  it('gives the bytes of an approved photo and of no other', async () => {
    expect(new TextDecoder().decode(await approvedPhotoBytes(store, EVENT, 'late.jpg'))).toBe(
      'late',
    );
    for (const name of [
      'waiting.jpg',
      'blurry.jpg',
      'cut-short.jpg',
      'unlisted.jpg',
      'notes.txt',
      'moderation.yaml',
      'missing.jpg',
    ])
      expect(await approvedPhotoBytes(store, EVENT, name), name).toBeUndefined();
  });

  it('has nothing for an event without photos', async () => {
    expect(await approvedNow(store, 'empty-event')).toEqual([]);
    expect(await approvedPhotoBytes(store, 'empty-event', 'late.jpg')).toBeUndefined();
  });
});
