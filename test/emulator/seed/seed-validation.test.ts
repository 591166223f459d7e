import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  SeedError,
  loadSeed,
  startEmulator,
  validateSeed,
} from '../../../integration/emulator/index.ts';
import { getGraph, getJson, type JsonObject, objectAt } from '../helpers.ts';
import { exchangeUrl, refreshUrl } from '../oauth/oauth-helpers.ts';
import { seedWithImages } from '../seeds.ts';

function brokenSeed(edit: (seed: JsonObject) => void): unknown {
  const seed = objectAt(structuredClone(seedWithImages(2)));
  edit(seed);
  return seed;
}

describe('seed validation', () => {
  test.each([
    [
      'a short media id',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).id = '123'),
      'accounts[0].media[0].id',
    ],
    [
      'a bad timestamp',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 1).timestamp = 'yesterday'),
      'accounts[0].media[1].timestamp',
    ],
    [
      'an unknown media type',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).mediaType = 'STORY'),
      'accounts[0].media[0].mediaType',
    ],
    [
      'a reel that is not a video',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).productType = 'REELS'),
      'accounts[0].media[0].mediaType',
    ],
    [
      'a carousel with one child',
      (s: JsonObject) =>
        Object.assign(objectAt(s, 'accounts', 0, 'media', 0), {
          mediaType: 'CAROUSEL_ALBUM',
          children: [{ id: '18000000000000001', mediaType: 'IMAGE', width: 1, height: 1 }],
        }),
      'accounts[0].media[0].children',
    ],
    [
      'a duplicated id',
      (s: JsonObject) =>
        (objectAt(s, 'accounts', 0, 'media', 1).id = objectAt(s, 'accounts', 0, 'media', 0).id),
      'accounts[0].media[1].id',
    ],
    [
      'a token without expiry',
      (s: JsonObject) => delete objectAt(s, 'accounts', 0, 'tokens', 0).expiresAt,
      'accounts[0].tokens[0].expiresAt',
    ],
    [
      'an unknown revocation',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'tokens', 0).revoked = 'yes'),
      'accounts[0].tokens[0].revoked',
    ],
    [
      'a missing width',
      (s: JsonObject) => delete objectAt(s, 'accounts', 0, 'media', 0).width,
      'accounts[0].media[0].width',
    ],
    ['no accounts', (s: JsonObject) => (s.accounts = []), 'accounts'],
    [
      'a token issued after it expires',
      (s: JsonObject) =>
        (objectAt(s, 'accounts', 0, 'tokens', 0).issuedAt = '2099-06-01T00:00:00Z'),
      'accounts[0].tokens[0].issuedAt',
    ],
    [
      'an unknown token kind',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'tokens', 0).kind = 'medium'),
      'accounts[0].tokens[0].kind',
    ],
    [
      'an unknown scope',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'tokens', 0).scopes = ['instagram_basic']),
      'accounts[0].tokens[0].scopes[0]',
    ],
    [
      'a publishing limit of 0',
      (s: JsonObject) => (objectAt(s, 'accounts', 0).publishingLimit = 0),
      'accounts[0].publishingLimit',
    ],
    [
      'apps that are not a list',
      (s: JsonObject) => (s.apps = { appId: '990000000000001' }),
      'apps',
    ],
    [
      'an app without a secret',
      (s: JsonObject) => (s.apps = [{ appId: '990000000000001' }]),
      'apps[0].appSecret',
    ],
    [
      'an app id that is not digits',
      (s: JsonObject) => (s.apps = [{ appId: 'my-app', appSecret: 's' }]),
      'apps[0].appId',
    ],
    [
      'a redirect URI that is not http(s)',
      (s: JsonObject) =>
        (s.apps = [
          {
            appId: '990000000000001',
            appSecret: 's',
            redirectUris: ['https://ok.example/cb', 'myapp://cb'],
          },
        ]),
      'apps[0].redirectUris[1]',
    ],
    [
      'a duplicated app id',
      (s: JsonObject) =>
        (s.apps = [
          { appId: '990000000000001', appSecret: 'a' },
          { appId: '990000000000001', appSecret: 'b' },
        ]),
      'apps[1].appId',
    ],
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
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('names the file when it is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"accounts": [');
    try {
      await expect(loadSeed(path)).rejects.toThrow(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('seeded tokens: kind, scopes and issuedAt (default: expiresAt minus the kind’s lifetime) drive exchange and refresh', async () => {
    const now = Date.parse('2026-05-01T12:00:00Z');
    const seed = seedWithImages(1);
    seed.apps = [{ appId: '990000000000001', appSecret: 'emulator-app-secret' }];
    seed.accounts[0]!.tokens = [
      { token: 'seeded-short', kind: 'short', expiresAt: '2026-05-01T12:30:00Z' },
      { token: 'issued-a-day-ago', expiresAt: '2026-06-29T12:00:00Z' },
      { token: 'issued-an-hour-ago', expiresAt: '2026-06-30T11:00:00Z' },
      {
        token: 'explicitly-old',
        issuedAt: '2026-04-01T00:00:00Z',
        expiresAt: '2026-05-02T00:00:00Z',
      },
      {
        token: 'no-basic',
        issuedAt: '2026-04-01T00:00:00Z',
        expiresAt: '2026-06-01T00:00:00Z',
        scopes: ['instagram_business_content_publish'],
      },
    ];
    const emulator = await startEmulator({ seed, now: () => now });
    try {
      expect((await getJson(exchangeUrl(emulator, 'seeded-short'))).status).toBe(200);
      expect((await getJson(refreshUrl(emulator, 'seeded-short'))).body.error.code).toBe(100);
      expect((await getJson(refreshUrl(emulator, 'issued-a-day-ago'))).status).toBe(200);
      expect(
        (await getJson(refreshUrl(emulator, 'issued-an-hour-ago'))).body.error.message,
      ).toMatch(/24 hours after it was issued/);
      expect((await getJson(refreshUrl(emulator, 'explicitly-old'))).status).toBe(200);
      expect((await getJson(refreshUrl(emulator, 'no-basic'))).body.error.code).toBe(10);
    } finally {
      await emulator.close();
    }
  });
});
