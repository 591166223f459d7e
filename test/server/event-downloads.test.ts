import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadLists } from '../../integration/download/download-list.ts';
import { SERVER_LISTS_FILE } from '../../integration/download/write-downloads.ts';
import { resolveOptions } from '../../integration/options.ts';
import { findEventDownload } from '../../integration/server/event-downloads.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';

const EVENT = '2026-04-29';
const LISTS: DownloadLists = {
  [EVENT]: [
    {
      name: 'a_Ana_doors.webp',
      file: '_astro/doors.webp',
      at: '2026-04-29T16:00:00Z',
      guestPhoto: 'doors.jpg',
    },
    { name: 'b_instagram_1.webp', file: '_astro/post.webp', at: '2026-04-29T17:00:00Z' },
    {
      name: 'c_Ben_band.webp',
      file: '_astro/band.webp',
      at: '2026-04-29T18:00:00Z',
      guestPhoto: 'band.jpg',
    },
  ],
  '2026-12-05-winter-market': [],
};

let dir: string;
let dirs: { serverDir: string; clientDir: string };
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-event-downloads-'));
  dirs = { serverDir: path.join(dir, 'dist/server'), clientDir: path.join(dir, 'dist/client') };
  await mkdir(path.dirname(path.join(dirs.serverDir, SERVER_LISTS_FILE)), { recursive: true });
  await writeFile(path.join(dirs.serverDir, SERVER_LISTS_FILE), JSON.stringify(LISTS));
  await mkdir(path.join(dir, 'guests', EVENT), { recursive: true });
  const env = { IG_TOKEN_ENCRYPTION_KEY: TEST_KEY, STATE_DB_PATH: path.join(dir, 'state.db') };
  await getServices(
    env,
    resolveOptions({ guestPhotos: { source: 'local', dir: path.join(dir, 'guests') } }, env),
  );
});
afterEach(async () => {
  await resetServices();
  await rm(dir, { recursive: true, force: true });
});

const moderate = (yaml: string) =>
  writeFile(path.join(dir, 'guests', EVENT, 'moderation.yaml'), `photos:\n${yaml}`);

describe('findEventDownload', () => {
  it("gives the build's list of an event whose photos are still approved", async () => {
    await moderate('  doors.jpg:\n    status: approved\n  band.jpg:\n    status: approved\n');
    const found = await findEventDownload(EVENT, dirs);
    expect(found).toMatchObject({ found: true, clientDir: dirs.clientDir });
    expect(found.found && found.entries.map((entry) => entry.name)).toEqual(
      LISTS[EVENT]!.map((entry) => entry.name),
    );
  });

  it('leaves out a guest photo rejected or sent back to pending since the build', async () => {
    await moderate('  doors.jpg:\n    status: rejected\n  band.jpg:\n    status: approved\n');
    const found = await findEventDownload(EVENT, dirs);
    expect(found.found && found.entries.map((entry) => entry.name)).toEqual([
      'b_instagram_1.webp',
      'c_Ben_band.webp',
    ]);
    await moderate('  band.jpg:\n    status: pending\n');
    const again = await findEventDownload(EVENT, dirs);
    expect(again.found && again.entries.map((entry) => entry.name)).toEqual(['b_instagram_1.webp']);
  });

  it('answers an unknown event, an event with nothing, and a server without a build with a 404 naming the event', async () => {
    for (const [id, code] of [
      ['no-such-event', 'not_found'],
      ['2026-12-05-winter-market', 'no_photos'],
      ['constructor', 'not_found'],
    ] as const) {
      const found = await findEventDownload(id, dirs);
      expect(found, id).toMatchObject({ found: false, status: 404, code });
      expect(!found.found && found.message, id).toMatch(/^event: /);
    }
    const unbuilt = await findEventDownload(EVENT, { serverDir: dir, clientDir: dir });
    expect(unbuilt).toMatchObject({ found: false, status: 404, code: 'not_built' });
  });
});
