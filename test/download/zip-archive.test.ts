import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadLists } from '../../integration/download/download-list.ts';
import { zipArchive, zipStream } from '../../integration/download/zip-archive.ts';
import {
  DOWNLOAD_LISTS_ROUTE,
  SERVER_LISTS_FILE,
  settleDownloads,
} from '../../integration/download/write-downloads.ts';
import { unzip } from '../helpers/unzip.ts';

let client: string;
const files: Record<string, Buffer> = {
  '_astro/doors.A1.webp': randomBytes(5000),
  '_astro/band.B2.webp': randomBytes(70_000),
  '_instagram/clip.mp4': randomBytes(300_000),
};

beforeEach(async () => {
  client = await mkdtemp(path.join(tmpdir(), 'zip-archive-'));
  for (const [file, bytes] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(client, file)), { recursive: true });
    await writeFile(path.join(client, file), bytes);
  }
});
afterEach(() => rm(client, { recursive: true, force: true }));

const ENTRIES = [
  {
    name: '2026-04-29_18-00-00_Ana_doors.webp',
    file: '_astro/doors.A1.webp',
    at: '2026-04-29T16:00:00Z',
  },
  {
    name: '2026-04-29_19-00-00_instagram_1.mp4',
    file: '_instagram/clip.mp4',
    at: '2026-04-29T17:00:00Z',
  },
  {
    name: '2026-04-29_20-00-00_Ben_band.webp',
    file: '_astro/band.B2.webp',
    at: '2026-04-29T18:00:00Z',
  },
];

describe('zipArchive', () => {
  it('stores each file byte for byte, in order, dated, and says its exact length up front', async () => {
    const { stream, size } = await zipArchive(client, ENTRIES);
    const zip = await buffer(stream);
    expect(zip.length).toBe(size);
    const entries = await unzip(zip);
    expect(entries.map((entry) => entry.name)).toEqual(ENTRIES.map((entry) => entry.name));
    for (const [index, entry] of entries.entries()) {
      expect(entry.bytes.equals(files[ENTRIES[index]!.file]!)).toBe(true);
      expect(entry.stored).toBe(true);
      expect(entry.date.toISOString()).toBe(new Date(ENTRIES[index]!.at).toISOString());
    }
  });

  it('refuses a file outside the folder it reads from', async () => {
    await expect(
      zipArchive(client, [{ name: 'x', file: '../../etc/passwd', at: ENTRIES[0]!.at }]),
    ).rejects.toThrow('not a file of the build');
  });

  it('fails the stream, not the process, when a file went missing after the size was taken', async () => {
    const { stream } = await zipArchive(client, ENTRIES);
    await rm(path.join(client, '_astro/band.B2.webp'));
    await expect(buffer(stream)).rejects.toThrow();
  });
});

describe('zipStream', () => {
  it('holds built files and files made on the way, in the order given, making each only when the archive reaches it', async () => {
    const made: string[] = [];
    const photo = (name: string, bytes: Buffer) => ({
      name,
      at: '2026-04-29T17:00:00Z',
      make: async () => {
        made.push(name);
        return new Uint8Array(bytes);
      },
    });
    const first = randomBytes(40_000);
    const second = randomBytes(10);
    const stream = zipStream(client, [
      photo('a.webp', first),
      ENTRIES[0]!,
      photo('b.webp', second),
      ENTRIES[1]!,
    ]);
    expect(made).toEqual([]);
    const entries = await unzip(await buffer(stream));
    expect(made).toEqual(['a.webp', 'b.webp']);
    expect(entries.map((entry) => entry.name)).toEqual([
      'a.webp',
      ENTRIES[0]!.name,
      'b.webp',
      ENTRIES[1]!.name,
    ]);
    expect(entries[0]!.bytes.equals(first)).toBe(true);
    expect(entries[2]!.bytes.equals(second)).toBe(true);
    expect(entries[3]!.bytes.equals(files['_instagram/clip.mp4']!)).toBe(true);
  });

  it('refuses a built file outside its folder', async () => {
    const stream = zipStream(client, [{ name: 'x', file: '../escape', at: ENTRIES[0]!.at }]);
    await expect(buffer(stream)).rejects.toThrow(/not a file of the build/);
  });
});

describe('settleDownloads', () => {
  const lists: DownloadLists = {
    events: { '2026-04-29': ENTRIES, '2026-06-01-quiet': [] },
    // A private event's posts: the server's to zip behind the gate, never a static file.
    privatePosts: {
      'board-dinner': [
        {
          file: '_instagram/clip.mp4',
          at: ENTRIES[1]!.at,
          by: 'instagram',
          stem: 'p1',
          extension: 'mp4',
        },
      ],
    },
  };
  const writeLists = async () => {
    const file = path.join(client, DOWNLOAD_LISTS_ROUTE);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(lists));
  };

  it("writes a static site's ZIP next to each event page that has files, and leaves no list behind", async () => {
    await writeLists();
    expect(await settleDownloads(client, undefined)).toBe(1);
    const entries = await unzip(await readFile(path.join(client, 'g/2026-04-29/photos.zip')));
    expect(entries.map((entry) => entry.name)).toEqual(ENTRIES.map((entry) => entry.name));
    await expect(readFile(path.join(client, 'g/2026-06-01-quiet/photos.zip'))).rejects.toThrow();
    await expect(readFile(path.join(client, 'g/board-dinner/photos.zip'))).rejects.toThrow();
    await expect(readFile(path.join(client, DOWNLOAD_LISTS_ROUTE))).rejects.toThrow();
  });

  it("moves the lists into a server build's server folder, out of the client folder, writing no ZIP", async () => {
    await writeLists();
    const server = path.join(client, '..', `${path.basename(client)}-server`);
    try {
      expect(await settleDownloads(client, server)).toBe(0);
      expect(JSON.parse(await readFile(path.join(server, SERVER_LISTS_FILE), 'utf8'))).toEqual(
        lists,
      );
      await expect(readFile(path.join(client, DOWNLOAD_LISTS_ROUTE))).rejects.toThrow();
      await expect(readFile(path.join(client, 'g/2026-04-29/photos.zip'))).rejects.toThrow();
    } finally {
      await rm(server, { recursive: true, force: true });
    }
  });
});
