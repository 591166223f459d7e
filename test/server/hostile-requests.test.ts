import { createHmac } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatReport, fuzz } from '../../fuzz/fuzz.ts';
import { ADMIN_API_TOKEN, APP_SECRET, startTarget, type Target } from '../../fuzz/target.ts';
import { SERVER_ROUTES } from '../../integration/server/routes.ts';
import { astroBuild, copySite, ROOT } from '../../harness/site-copy.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';

// One build of a site copy, served as `npm start` serves it against the emulator, for every
// test here: the causes of 5xx that a hostile probe found, the body limits, and a fixed-seed
// slice of `npm run fuzz`.
vi.setConfig({ testTimeout: 120_000, hookTimeout: BUILD_TIMEOUT_MS });

let site: Awaited<ReturnType<typeof copySite>>;
let target: Target;
beforeAll(async () => {
  site = await copySite(path.join(ROOT, 'test/fixtures/other-site/content'));
  const build = await astroBuild(site.root, {
    STATE_DB_PATH: path.join(site.root, '.data/never-created.db'),
  });
  expect(build.code, build.output).toBe(0);
  target = await startTarget(site.root);
});
afterAll(async () => {
  await target?.stop();
  await site?.remove();
});

const ADMIN = { authorization: `Bearer ${ADMIN_API_TOKEN}` };
const JSON_TYPE = { 'content-type': 'application/json' };

async function send(
  method: string,
  pathAndQuery: string,
  options: {
    headers?: Record<string, string>;
    body?: string | Buffer | Readable;
  } = {},
) {
  const answer = await request(`${target.url}${pathAndQuery}`, {
    method: method as 'GET',
    headers: options.headers ?? {},
    ...(options.body !== undefined && { body: options.body }),
  });
  const text = await answer.body.text();
  let json: { error?: { code: string; message: string; parameter?: string } } | undefined;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: answer.statusCode, headers: answer.headers, text, error: json?.error };
}

function signed(body: string) {
  const signature = createHmac('sha256', APP_SECRET).update(body).digest('hex');
  return { ...JSON_TYPE, 'x-hub-signature-256': `sha256=${signature}` };
}

describe('the causes of 5xx a hostile probe found, each a 4xx now', () => {
  it('a non-numeric account id is a 400 naming the parameter, on every route that takes one', async () => {
    const answers = [
      await send('POST', '/api/instagram/token/refresh', {
        headers: { ...ADMIN, ...JSON_TYPE },
        body: JSON.stringify({ account: 'abc' }),
      }),
      await send('DELETE', '/api/instagram/accounts/abc', { headers: ADMIN }),
      await send('GET', '/api/publish/sources?event=2026-07-04-tokyo-popup&account=abc', {
        headers: ADMIN,
      }),
      await send('GET', '/api/publish/thumbnail?account=abc&media=1', { headers: ADMIN }),
      await send('GET', '/api/instagram/analytics/picture?account=abc', { headers: ADMIN }),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(400);
      expect(answer.error?.parameter, answer.text).toMatch(/^(account|id)$/);
      expect(answer.error?.message).toContain('Instagram user id');
    }
  });

  it('a token refresh with a JSON null, a broken multipart body or an unknown content type is a 4xx', async () => {
    const refresh = (type: string, body: string) =>
      send('POST', '/api/instagram/token/refresh', {
        headers: { ...ADMIN, 'content-type': type },
        body,
      });
    expect((await refresh('application/json', 'null')).status).toBe(400);
    expect((await refresh('multipart/form-data; boundary=xx', '--xx\r\nbroken')).status).toBe(400);
    const unknown = await refresh('text/weird', 'account=1');
    expect(unknown.status).toBe(415);
    expect(unknown.error?.message).toContain('application/json');
  });

  it('a 12-byte MP4 header uploaded to publish is a 400 saying the file is not usable', async () => {
    const answer = await send('POST', '/api/publish/uploads?name=clip.mp4', {
      headers: ADMIN,
      body: Buffer.from('000000016674797069736f6d', 'hex'),
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.error?.code).toBe('unsupported_format');
  });

  it('signed webhook deliveries of nulls, objects where ids belong, or nesting 1,000 and 5,000 deep are 400s', async () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const bodies = [
      JSON.stringify({ object: 'instagram', entry: [null] }),
      JSON.stringify({ object: 'instagram', entry: [{ id: '1', messaging: [null] }] }),
      JSON.stringify({ object: 'instagram', entry: [{ id: { a: 1 }, changes: [] }] }),
      JSON.stringify({
        object: 'instagram',
        entry: [{ id: '1', changes: [{ field: { a: 1 }, value: {} }] }],
      }),
      `{"object":"instagram","entry":[{"id":"1","changes":[{"field":"comments","value":${deep(1000)}}]}]}`,
      `{"object":"instagram","entry":[{"id":"1","changes":[{"field":"comments","value":${deep(5000)}}]}]}`,
    ];
    for (const body of bodies) {
      const answer = await send('POST', '/api/instagram/webhook', { headers: signed(body), body });
      expect(answer.status, `${body.slice(0, 80)}: ${answer.text}`).toBe(400);
    }
    // A well-formed delivery still goes through.
    const good = JSON.stringify({
      object: 'instagram',
      entry: [{ id: '1', time: 1, changes: [{ field: 'mentions', value: { media_id: '2' } }] }],
    });
    expect(
      (await send('POST', '/api/instagram/webhook', { headers: signed(good), body: good })).status,
    ).toBe(200);
  });

  it('an analytics range ending in year 0 is a 400 naming until', async () => {
    const answer = await send('GET', '/api/instagram/analytics?until=0000-01-01', {
      headers: ADMIN,
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.error?.code).toBe('invalid_until');
  });

  it('a preview size that is not a whole number is a 400 naming size', async () => {
    const answer = await send(
      'GET',
      '/api/admin/moderation/photo?event=2026-07-04-tokyo-popup&name=a.jpg&size=1.5',
      { headers: ADMIN },
    );
    expect(answer.status, answer.text).toBe(400);
    expect(answer.error?.parameter).toBe('size');
  });

  it('a 300-character event id or file name is a 400, never a file system error', async () => {
    const long = 'a'.repeat(300);
    const answers = [
      await send('POST', `/api/guest/${long}/uploads`, {
        headers: { ...JSON_TYPE, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ fileName: 'a.jpg', bytes: 10, contentType: 'image/jpeg' }),
      }),
      await send('GET', `/api/admin/moderation?event=${long}`, { headers: ADMIN }),
      await send(
        'GET',
        `/api/admin/moderation/photo?event=2026-07-04-tokyo-popup&name=${long}.jpg`,
        {
          headers: ADMIN,
        },
      ),
      await send('GET', `/api/publish/thumbnail?event=${long}&name=${long}.jpg`, {
        headers: ADMIN,
      }),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(400);
      expect(answer.error?.message).toContain('at most');
    }
  });

  it('TRACE on every on-demand route is a 405 with Allow, in JSON, with no stack', async () => {
    for (const route of SERVER_ROUTES) {
      const routePath = route.pattern
        .replace('[id]', '17841400000000001')
        .replace('[event]', '2026-07-04-tokyo-popup')
        .replace('[file]', 'a.jpg');
      for (const method of ['TRACE', 'PATCH']) {
        const answer = await send(method, routePath, { headers: ADMIN });
        expect(answer.status, `${method} ${routePath}`).toBe(405);
        expect(answer.headers.allow, routePath).toBe(
          [...route.methods, ...(route.methods.includes('GET' as never) ? ['HEAD'] : [])].join(
            ', ',
          ),
        );
        expect(answer.error?.code).toBe('method_not_allowed');
        expect(answer.text).not.toMatch(/\n\s+at /);
      }
    }
  });
});

describe('the error boundary', () => {
  it('answers an unexpected failure with a 500 in JSON with an error id and no stack, logged once', async () => {
    // A stored photo that is not an image: nothing a request can fix, so a 500.
    const folder = path.join(target.guestDir, '2026-07-04-tokyo-popup/pending');
    await mkdir(folder, { recursive: true });
    await writeFile(
      path.join(folder, 'broken.jpg'),
      Buffer.from('ffd8ffe000104a4649460001', 'hex'),
    );
    try {
      const answer = await send(
        'GET',
        '/api/admin/moderation/photo?event=2026-07-04-tokyo-popup&name=broken.jpg',
        { headers: ADMIN },
      );
      expect(answer.status, answer.text).toBe(500);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      const id = /error ([0-9a-f]{8})/.exec(answer.error?.message ?? '')?.[1];
      expect(id, answer.text).toBeDefined();
      expect(answer.error?.code).toBe('internal_error');
      expect(answer.text).not.toMatch(/\n\s+at |sharp|Error:/);
      await expect.poll(() => target.output().split(`error ${id} on GET`).length - 1).toBe(1);
    } finally {
      await rm(path.join(folder, 'broken.jpg'), { force: true });
    }
  });
});

describe('body limits', () => {
  async function* megabytes(count: number) {
    for (let i = 0; i < count; i++) yield Buffer.alloc(1024 * 1024, 0x20);
  }

  it('refuses a 50 MB unsigned webhook with a 413 on its Content-Length, without reading it', async () => {
    const before = (await target.rss()) ?? 0;
    for (let i = 0; i < 3; i++) {
      const answer = await send('POST', '/api/instagram/webhook', {
        headers: JSON_TYPE,
        body: Buffer.alloc(50 * 1024 * 1024, 0x20),
      }).catch((error: Error) => ({ status: error.message, text: '', error: undefined }));
      // The server may close the connection before the client has sent all 50 MB.
      if (typeof answer.status === 'number') expect(answer.status).toBe(413);
    }
    expect((await target.rss()) ?? 0).toBeLessThan(before + 40 * 1024 * 1024);
  });

  it('stops reading a body sent without a length once it passes 1 MiB: login, guest tickets, webhook', async () => {
    for (const [routePath, headers] of [
      [
        '/api/admin/login',
        { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      ],
      [
        '/api/guest/2026-07-04-tokyo-popup/uploads',
        { ...JSON_TYPE, 'sec-fetch-site': 'same-origin' },
      ],
      ['/api/instagram/webhook', JSON_TYPE],
    ] as const) {
      const answer = await send('POST', routePath, {
        headers,
        body: Readable.from(megabytes(50)),
      }).catch((error: Error) => ({ status: error.message, text: '', error: undefined }));
      if (typeof answer.status === 'number') expect(answer.status, routePath).toBe(413);
    }
    expect(target.exited()).toBeUndefined();
  });

  it('refuses a JSON body nested 65 levels deep with a 400', async () => {
    const answer = await send('POST', '/api/admin/moderation', {
      headers: { ...ADMIN, ...JSON_TYPE },
      body: `${'['.repeat(65)}${']'.repeat(65)}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.error?.code).toBe('json_too_deep');
  });
});

describe('fuzzing (a fixed-seed slice of npm run fuzz)', () => {
  it('answers 500 generated requests to every route without a 5xx, and stays up', async () => {
    const report = await fuzz(target, { seed: 20_261_207, requests: 500, timeLimitMs: 90_000 });
    const failures = report.failures.map(
      ({ request, status, body }) => `${status} ← ${request.method} ${request.path}: ${body}`,
    );
    expect(failures, formatReport(report)).toEqual([]);
    expect(report.crashed).toBeUndefined();
    expect(report.sent).toBe(500);
    expect(target.exited()).toBeUndefined();
  });
});
