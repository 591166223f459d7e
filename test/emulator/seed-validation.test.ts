import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SeedError, loadSeed, startEmulator, validateSeed } from '../../integration/emulator/index.ts';
import { getGraph } from './helpers.ts';
import { seedWithImages } from './seeds.ts';

function brokenSeed(edit: (seed: any) => void): unknown {
  const seed = structuredClone(seedWithImages(2)) as any;
  edit(seed);
  return seed;
}

describe('seed validation', () => {
  test.each([
    ['a short media id', (s: any) => (s.accounts[0].media[0].id = '123'), 'accounts[0].media[0].id'],
    ['a bad timestamp', (s: any) => (s.accounts[0].media[1].timestamp = 'yesterday'), 'accounts[0].media[1].timestamp'],
    ['an unknown media type', (s: any) => (s.accounts[0].media[0].mediaType = 'STORY'), 'accounts[0].media[0].mediaType'],
    ['a reel that is not a video', (s: any) => (s.accounts[0].media[0].productType = 'REELS'), 'accounts[0].media[0].mediaType'],
    [
      'a carousel with one child',
      (s: any) =>
        Object.assign(s.accounts[0].media[0], {
          mediaType: 'CAROUSEL_ALBUM',
          children: [{ id: '18000000000000001', mediaType: 'IMAGE', width: 1, height: 1 }],
        }),
      'accounts[0].media[0].children',
    ],
    ['a duplicated id', (s: any) => (s.accounts[0].media[1].id = s.accounts[0].media[0].id), 'accounts[0].media[1].id'],
    ['a token without expiry', (s: any) => delete s.accounts[0].tokens[0].expiresAt, 'accounts[0].tokens[0].expiresAt'],
    ['an unknown revocation', (s: any) => (s.accounts[0].tokens[0].revoked = 'yes'), 'accounts[0].tokens[0].revoked'],
    ['a missing width', (s: any) => delete s.accounts[0].media[0].width, 'accounts[0].media[0].width'],
    ['no accounts', (s: any) => (s.accounts = []), 'accounts'],
  ])('rejects %s, naming the field', (_name, edit, field) => {
    expect(() => validateSeed(brokenSeed(edit))).toThrow(SeedError);
    expect(() => validateSeed(brokenSeed(edit))).toThrow(field);
  });

  test('accepts a valid seed as an object or a file path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
    const path = join(dir, 'seed.json');
    await writeFile(path, JSON.stringify(seedWithImages(3)));
    const emulator = await startEmulator({ seed: path });
    try {
      expect(emulator.demoToken).toBe('bulk-token');
      expect(emulator.userId).toBe('17841499999999999');
      expect((await getGraph(emulator, '/me/media')).body.data).toHaveLength(3);
    } finally {
      await emulator.close();
    }
  });

  test('names the file when it is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"accounts": [');
    await expect(loadSeed(path)).rejects.toThrow(path);
  });
});
