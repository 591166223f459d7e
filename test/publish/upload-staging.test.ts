import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { s3StagedFiles, UploadStaging } from '../../integration/publish/index.ts';
import { startS3 } from '../helpers/s3-server.ts';
import { jpeg, solidImage } from './images.ts';
import { rejection } from './refusal.ts';

const REEL = new Uint8Array(
  await readFile(new URL('../fixtures/media/reel-4s.mp4', import.meta.url)),
);

const streamOf = (...chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'uploads-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('staff uploads', () => {
  it('stages a photo, checked by its bytes, and reads it back by id', async () => {
    const staging = new UploadStaging({ dir });
    const bytes = await jpeg(1200, 900);
    const upload = await staging.save(
      streamOf(bytes.subarray(0, 100), bytes.subarray(100)),
      'C:\\phone\\IMG_0001.jpg',
    );
    expect(upload).toMatchObject({
      name: 'IMG_0001.jpg',
      mediaType: 'image',
      bytes: bytes.byteLength,
      width: 1200,
      height: 900,
    });
    const read = await staging.read(upload.id);
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(read.upload).toEqual(upload);
  });

  it('knows a video by its boxes, with its duration and display size', async () => {
    const upload = await new UploadStaging({ dir }).save(streamOf(REEL), 'clip.mp4');
    expect(upload).toMatchObject({ mediaType: 'video', width: 360, height: 640 });
    expect(upload.durationSeconds).toBeCloseTo(4, 1);
  });

  it('takes a HEIC-branded file for a photo, not a video', async () => {
    const avif = await solidImage(400, 400).avif().toBuffer();
    const upload = await new UploadStaging({ dir }).save(streamOf(avif), 'photo.avif');
    expect(upload.mediaType).toBe('image');
  });

  it('refuses a text file named .jpg and keeps nothing', async () => {
    const error = await rejection(
      new UploadStaging({ dir }).save(
        streamOf(new TextEncoder().encode('hello, not a photo')),
        'notes.jpg',
      ),
    );
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toContain('notes.jpg is not an image this server can read');
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops reading a body over the limit and keeps nothing', async () => {
    const staging = new UploadStaging({ dir, limits: { videoBytes: 1000 } });
    const error = await rejection(
      staging.save(streamOf(new Uint8Array(600), new Uint8Array(600)), 'big.mp4'),
    );
    expect(error.code).toBe('upload_too_large');
    expect(error.message).toMatch(/big\.mp4 is larger than 0 MiB/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a photo with more pixels than the limit (a decompression bomb)', async () => {
    const staging = new UploadStaging({ dir, limits: { imagePixels: 1_000_000 } });
    const error = await rejection(
      staging.save(streamOf(await solidImage(2000, 1000).png().toBuffer()), 'bomb.png'),
    );
    expect(error.code).toBe('image_too_large');
    expect(error.message).toBe(
      'bomb.png is 2000×1000 pixels; photos may have at most 1 megapixels. Scale it down first.',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an empty body and a missing body', async () => {
    const staging = new UploadStaging({ dir });
    expect((await rejection(staging.save(streamOf(), 'empty.jpg'))).message).toBe(
      'empty.jpg is empty. Upload the file again.',
    );
    expect((await rejection(staging.save(null, null))).message).toContain('The upload has no body');
  });

  it('forgets uploads after a day, and never reads a path from the id', async () => {
    let now = Date.parse('2026-11-24T10:00:00Z');
    const staging = new UploadStaging({ dir, now: () => now });
    const { id } = await staging.save(streamOf(await jpeg(400, 400)), 'a.jpg');
    now += 25 * 3600_000;
    expect((await rejection(staging.read(id))).code).toBe('upload_not_found');
    expect((await rejection(staging.read('../state.db'))).message).toBe(
      'There is no upload ../state.db: uploads are kept for 24 hours. Upload the file again.',
    );
  });

  it('never prunes the temporary file of an upload it is still receiving, whatever the clock says', async () => {
    // A clock days ahead of the file system's (as under faketime, or a skewed host).
    const staging = new UploadStaging({ dir, now: () => Date.now() + 3 * 86_400_000 });
    const bytes = await jpeg(600, 400);
    let rest!: () => void;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.subarray(0, 100));
        await new Promise<void>((resolve) => {
          rest = resolve;
        });
        controller.enqueue(bytes.subarray(100));
        controller.close();
      },
    });
    const saving = staging.save(body, 'slow.jpg');
    await expect.poll(async () => (await readdir(dir)).some((n) => n.endsWith('.part'))).toBe(true);
    expect(await staging.prune()).toBe(0);
    rest();
    expect((await saving).mediaType).toBe('image');
  });
});

describe('staff uploads in the guest photos’ bucket (several instances)', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  beforeEach(async () => {
    s3 = await startS3('cluster-media');
  });
  afterEach(() => s3.close());

  const bucketFiles = () =>
    s3StagedFiles({ client: s3.client, bucket: 'cluster-media', prefix: 'publish/uploads/' });

  it('reads on one instance an upload another took, and keeps nothing on either disk', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'uploads-other-'));
    try {
      const taking = new UploadStaging({ dir, files: bucketFiles() });
      const reading = new UploadStaging({ dir: other, files: bucketFiles() });
      const bytes = await jpeg(800, 600);
      const upload = await taking.save(streamOf(bytes), 'stage.jpg');
      const read = await reading.read(upload.id);
      expect(read.upload).toEqual(upload);
      expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(await readdir(dir)).toEqual([]);
      expect(await readdir(other)).toEqual([]);
      expect((await bucketFiles().list()).map((file) => file.name).sort()).toEqual([
        upload.id,
        `${upload.id}.json`,
      ]);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('forgets an upload after a day and prunes its objects from the bucket', async () => {
    let now = Date.now();
    const staging = new UploadStaging({ dir, files: bucketFiles(), now: () => now });
    const { id } = await staging.save(streamOf(await jpeg(400, 400)), 'a.jpg');
    now += 25 * 3600_000;
    expect((await rejection(staging.read(id))).code).toBe('upload_not_found');
    expect(await staging.prune()).toBe(2);
    expect(await bucketFiles().list()).toEqual([]);
  });
});
