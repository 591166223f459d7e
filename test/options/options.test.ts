import { describe, expect, it } from 'vitest';
import type { Env } from '../../integration/shared/env.ts';
import { resolveOptions, type InstagramSyncOptions } from '../../integration/options.ts';

function messageOf(user: InstagramSyncOptions, env: Env = {}): string {
  try {
    resolveOptions(user, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected resolveOptions to throw');
}

describe('resolveOptions defaults', () => {
  it('fills every option when nothing is set', () => {
    expect(resolveOptions({}, {})).toEqual({
      eventsDir: 'content/events',
      server: false,
      embed: { enabled: true, origins: ['*'] },
      dataDir: '.astro-instagram-sync',
      window: { before: '1h', after: '12h' },
      guestPhotos: { source: 'local', dir: 'content/guest-photos' },
      instagram: {
        graphBase: 'https://graph.instagram.com/v26.0',
        facebookGraphBase: 'https://graph.facebook.com/v26.0',
        strict: false,
        demo: false,
        downloadConcurrency: 6,
        maxImageBytes: 25 * 1024 * 1024,
        maxVideoBytes: 300 * 1024 * 1024,
        timeoutMs: 15_000,
        feedPosts: 24,
      },
    });
  });

  it('keeps the number of newest posts for feeds that is given, 0 included', () => {
    expect(resolveOptions({ instagram: { feedPosts: 0 } }, {}).instagram.feedPosts).toBe(0);
    expect(resolveOptions({ instagram: { feedPosts: 60 } }, {}).instagram.feedPosts).toBe(60);
  });

  it('has no access token or user id unless one is given', () => {
    const { instagram } = resolveOptions({}, {});
    expect(instagram).not.toHaveProperty('accessToken');
    expect(instagram).not.toHaveProperty('userId');
  });

  it('takes the embedding origins from EMBED_ALLOWED_ORIGINS, and refuses one with a path', () => {
    expect(
      resolveOptions(
        {},
        { EMBED_ALLOWED_ORIGINS: 'https://www.example.com, http://localhost:8080' },
      ).embed,
    ).toEqual({
      enabled: true,
      origins: ['https://www.example.com', 'http://localhost:8080'],
    });
    expect(() => resolveOptions({ embed: { origins: ['https://example.com/page'] } }, {})).toThrow(
      'astro-instagram-sync: option `embed.origins.0` must be an origin like https://www.example.com (no path), "\'self\'" or "*" (EMBED_ALLOWED_ORIGINS).',
    );
  });

  it('keeps user folders and fills the missing window margin', () => {
    const options = resolveOptions(
      { eventsDir: 'events', dataDir: '.cache/ig', window: { before: '2h' } },
      {},
    );
    expect(options).toMatchObject({
      eventsDir: 'events',
      dataDir: '.cache/ig',
      window: { before: '2h', after: '12h' },
    });
  });
});

describe('resolveOptions from the environment', () => {
  it('reads INSTAGRAM_GRAPH_BASE, IG_ACCESS_TOKEN, IG_USER_ID and IG_SYNC_STRICT', () => {
    const { instagram } = resolveOptions(
      {},
      {
        INSTAGRAM_GRAPH_BASE: 'http://127.0.0.1:4010/v26.0',
        IG_ACCESS_TOKEN: 'IGAAtoken',
        IG_USER_ID: '17841400000000001',
        IG_SYNC_STRICT: '1',
      },
    );
    expect(instagram).toMatchObject({
      graphBase: 'http://127.0.0.1:4010/v26.0',
      accessToken: 'IGAAtoken',
      userId: '17841400000000001',
      strict: true,
    });
  });

  it('accepts INSTAGRAM_ACCESS_TOKEN as an alias of IG_ACCESS_TOKEN', () => {
    expect(resolveOptions({}, { INSTAGRAM_ACCESS_TOKEN: 'alias' }).instagram.accessToken).toBe(
      'alias',
    );
  });

  it('prefers IG_ACCESS_TOKEN over the alias, and skips it when it is empty', () => {
    expect(
      resolveOptions({}, { IG_ACCESS_TOKEN: 'main', INSTAGRAM_ACCESS_TOKEN: 'alias' }).instagram
        .accessToken,
    ).toBe('main');
    expect(
      resolveOptions({}, { IG_ACCESS_TOKEN: '', INSTAGRAM_ACCESS_TOKEN: 'alias' }).instagram
        .accessToken,
    ).toBe('alias');
  });

  it('uses the default Graph base when INSTAGRAM_GRAPH_BASE is empty', () => {
    expect(resolveOptions({}, { INSTAGRAM_GRAPH_BASE: '' }).instagram.graphBase).toBe(
      'https://graph.instagram.com/v26.0',
    );
  });

  it.each([
    ['1', true],
    ['true', true],
    [' YES ', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('reads IG_SYNC_STRICT=%j as %s', (value, strict) => {
    expect(resolveOptions({}, { IG_SYNC_STRICT: value }).instagram.strict).toBe(strict);
  });

  it('lets instagram options in the config win over the environment', () => {
    const { instagram } = resolveOptions(
      { instagram: { accessToken: 'from-config', strict: false, demo: true } },
      { IG_ACCESS_TOKEN: 'from-env', IG_SYNC_STRICT: 'true' },
    );
    expect(instagram).toMatchObject({ accessToken: 'from-config', strict: false, demo: true });
  });

  it('switches guest photos to S3 when S3_BUCKET is set, with S3 defaults', () => {
    expect(resolveOptions({}, { S3_BUCKET: 'event-photos' }).guestPhotos).toEqual({
      source: 's3',
      bucket: 'event-photos',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
  });

  it('reads S3_ENDPOINT, S3_REGION, S3_PREFIX and S3_FORCE_PATH_STYLE', () => {
    const env = {
      S3_BUCKET: 'event-photos',
      S3_ENDPOINT: 'http://localhost:9000',
      S3_REGION: 'eu-central-1',
      S3_PREFIX: 'guests/',
      S3_FORCE_PATH_STYLE: 'true',
    };
    expect(resolveOptions({}, env).guestPhotos).toEqual({
      source: 's3',
      bucket: 'event-photos',
      endpoint: 'http://localhost:9000',
      region: 'eu-central-1',
      prefix: 'guests/',
      forcePathStyle: true,
    });
  });

  it('keeps local guest photos when the config asks for them, even with S3_BUCKET set', () => {
    expect(
      resolveOptions(
        { guestPhotos: { source: 'local', dir: 'uploads' } },
        { S3_BUCKET: 'event-photos' },
      ).guestPhotos,
    ).toEqual({
      source: 'local',
      dir: 'uploads',
    });
  });

  it('merges an S3 config with the environment, the config winning', () => {
    const guestPhotos = resolveOptions(
      { guestPhotos: { source: 's3', bucket: 'config-bucket', region: 'eu-west-1' } },
      { S3_BUCKET: 'env-bucket', S3_REGION: 'us-west-2', S3_ENDPOINT: 'http://localhost:9000' },
    ).guestPhotos;
    expect(guestPhotos).toMatchObject({
      source: 's3',
      bucket: 'config-bucket',
      region: 'eu-west-1',
      endpoint: 'http://localhost:9000',
    });
  });

  it('reads a dir without source as local guest photos, even with S3_BUCKET set', () => {
    expect(resolveOptions({ guestPhotos: { dir: 'photos' } }, {}).guestPhotos).toEqual({
      source: 'local',
      dir: 'photos',
    });
    expect(
      resolveOptions({ guestPhotos: { dir: 'photos' } }, { S3_BUCKET: 'event-photos' }).guestPhotos,
    ).toEqual({ source: 'local', dir: 'photos' });
  });

  it('reads a bucket without source as S3 guest photos', () => {
    expect(resolveOptions({ guestPhotos: { bucket: 'event-photos' } }, {}).guestPhotos).toEqual({
      source: 's3',
      bucket: 'event-photos',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
  });

  it('lets an explicit source win over what the other keys imply', () => {
    expect(
      resolveOptions({ guestPhotos: { source: 's3', bucket: 'event-photos' } }, {}).guestPhotos
        .source,
    ).toBe('s3');
    expect(
      resolveOptions({ guestPhotos: { source: 'local' } }, { S3_BUCKET: 'event-photos' })
        .guestPhotos,
    ).toEqual({ source: 'local', dir: 'content/guest-photos' });
  });

  it('takes the bucket of an S3 config from S3_BUCKET', () => {
    expect(
      resolveOptions({ guestPhotos: { source: 's3' } }, { S3_BUCKET: 'env-bucket' }).guestPhotos,
    ).toMatchObject({
      bucket: 'env-bucket',
    });
  });
});

describe('resolveOptions errors name the option', () => {
  it('for a Graph base that is not a URL', () => {
    expect(messageOf({}, { INSTAGRAM_GRAPH_BASE: 'graph.instagram.com' })).toBe(
      'astro-instagram-sync: option `instagram.graphBase` must be the Graph API base URL with its version, e.g. https://graph.instagram.com/v26.0 (INSTAGRAM_GRAPH_BASE).',
    );
  });

  it('for a user id that is not numeric', () => {
    const message = messageOf({}, { IG_USER_ID: 'me' });
    expect(message).toMatch(
      /^astro-instagram-sync: option `instagram\.userId` must be the numeric Instagram user id \(IG_USER_ID\)/,
    );
  });

  it('for an S3 endpoint that is not a URL', () => {
    expect(messageOf({}, { S3_BUCKET: 'event-photos', S3_ENDPOINT: 'minio port 9000' })).toBe(
      'astro-instagram-sync: option `guestPhotos.endpoint` must be a URL like http://localhost:9000 (S3_ENDPOINT).',
    );
  });

  it('for a bucket name that is too short', () => {
    expect(messageOf({}, { S3_BUCKET: 'ab' })).toBe(
      'astro-instagram-sync: option `guestPhotos.bucket` must be an S3 bucket name of at least 3 characters (S3_BUCKET).',
    );
  });

  it('for an S3 config without any bucket', () => {
    expect(messageOf({ guestPhotos: { source: 's3' } }, {})).toMatch(
      /^astro-instagram-sync: option `guestPhotos\.bucket` /,
    );
  });

  it('for a dir and a bucket without source, naming both and what to do', () => {
    const message = messageOf({ guestPhotos: { dir: 'photos', bucket: 'event-photos' } }, {});
    expect(message).toBe(
      'astro-instagram-sync: option `guestPhotos` has both `dir` (a local folder) and `bucket` (S3). Set `guestPhotos.source` to "local" or "s3" and keep only that source\'s options.',
    );
  });

  it.each([0, 33, 2.5])('for a download concurrency of %s', (downloadConcurrency) => {
    expect(messageOf({ instagram: { downloadConcurrency } })).toMatch(
      /^astro-instagram-sync: option `instagram\.downloadConcurrency` /,
    );
  });

  it.each([-1, 2.5, 501])('for a feed size of %s, saying what it is for', (feedPosts) => {
    expect(messageOf({ instagram: { feedPosts } })).toBe(
      "astro-instagram-sync: option `instagram.feedPosts` must be a whole number from 0 to 500: how many of each account's newest posts to keep for <InstagramFeed> (0 keeps none).",
    );
  });

  it('for an unknown instagram option', () => {
    const message = messageOf({
      instagram: { acessToken: 'typo' } as InstagramSyncOptions['instagram'],
    });
    expect(message).toMatch(/^astro-instagram-sync: unknown option `acessToken` in `instagram`/);
    expect(message).toContain('acessToken');
  });

  it('for an unknown top-level option, naming it rather than an empty option path', () => {
    const message = messageOf({ eventDir: 'events' } as InstagramSyncOptions);
    expect(message).toContain('eventDir');
    expect(message).not.toContain('option ``');
  });

  it('for a window margin that is not a duration', () => {
    expect(messageOf({ window: { before: 'soon' } })).toMatch(
      /^astro-instagram-sync: option `window\.before` /,
    );
  });
});
