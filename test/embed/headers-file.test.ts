import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embedHeaderRules, frameAncestors } from '../../integration/embed/embed-headers.ts';
import {
  formatHeadersFile,
  headersFor,
  parseHeadersFile,
} from '../../integration/embed/headers-file.ts';
import { writeEmbedHeaders } from '../../integration/embed/static-headers.ts';

describe('frame-ancestors', () => {
  it('lists the allowed origins', () => {
    expect(frameAncestors(['https://www.example.com', 'http://localhost:8080'])).toBe(
      'frame-ancestors https://www.example.com http://localhost:8080',
    );
  });

  it('is "*" when any origin may frame the pages, whatever else is listed', () => {
    expect(frameAncestors(['*'])).toBe('frame-ancestors *');
    expect(frameAncestors(['https://a.example', '*'])).toBe('frame-ancestors *');
  });

  it("keeps 'self' and drops repeats; with no origin at all nobody may frame them", () => {
    expect(frameAncestors(["'self'", 'https://a.example', 'https://a.example'])).toBe(
      "frame-ancestors 'self' https://a.example",
    );
    expect(frameAncestors([])).toBe("frame-ancestors 'none'");
  });
});

describe('the _headers file', () => {
  const rules = embedHeaderRules(
    ['https://www.example.com', 'https://blog.example.org'],
    ['/instagram/feed.json', '/g/2026-04-29.json'],
  );

  it('gives the embed pages frame-ancestors, embed.js its type and the feeds theirs, in the Netlify / Cloudflare Pages format', () => {
    expect(formatHeadersFile(rules, 'embeds')).toBe(
      [
        '# embeds',
        '/embed/*',
        '  Content-Security-Policy: frame-ancestors https://www.example.com https://blog.example.org',
        '/embed.js',
        '  Content-Type: text/javascript; charset=utf-8',
        '/instagram/feed.json',
        '  Content-Type: application/feed+json; charset=utf-8',
        '  Access-Control-Allow-Origin: *',
        '/g/2026-04-29.json',
        '  Content-Type: application/feed+json; charset=utf-8',
        '  Access-Control-Allow-Origin: *',
        '',
      ].join('\n'),
    );
  });

  it('puts the rules under the site’s base path', () => {
    expect(
      embedHeaderRules(['*'], ['/g/2026-04-29.json'], '/photos/').map((rule) => rule.path),
    ).toEqual(['/photos/embed/*', '/photos/embed.js', '/photos/g/2026-04-29.json']);
    expect(embedHeaderRules(['*'], [], '/').map((rule) => rule.path)).toEqual([
      '/embed/*',
      '/embed.js',
    ]);
  });

  it('reads back what it writes', () => {
    expect(parseHeadersFile(formatHeadersFile(rules, 'a comment'))).toEqual(rules);
  });

  it('matches a splat to any rest of the path, a placeholder to one segment, and nothing else', () => {
    const parsed = parseHeadersFile(
      '/embed/*\n  X-A: 1\n/g/:event/\n  X-B: 2\n/embed.js\n  X-C: 3\n',
    );
    expect(headersFor('/embed/g/2026-04-29/', parsed)).toEqual({ 'X-A': '1' });
    expect(headersFor('/embed/feed/', parsed)).toEqual({ 'X-A': '1' });
    expect(headersFor('/g/2026-04-29/', parsed)).toEqual({ 'X-B': '2' });
    expect(headersFor('/g/2026-04-29/photo/', parsed)).toEqual({});
    expect(headersFor('/embed.js', parsed)).toEqual({ 'X-C': '3' });
    expect(headersFor('/embedded/', parsed)).toEqual({});
    expect(headersFor('/g/2026-04-29.json', parsed)).toEqual({});
  });

  it('joins the values of a header that several matching rules set', () => {
    const parsed = parseHeadersFile('/*\n  Link: <a>\n/embed/*\n  link: <b>\n');
    expect(headersFor('/embed/feed/', parsed)).toEqual({ Link: '<a>, <b>' });
  });
});

describe('writing the build output’s _headers', () => {
  let dir: string | undefined;
  afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

  it('lists every event feed and keeps the rules the site already had', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ais-headers-'));
    await mkdir(path.join(dir, 'g/2026-04-29'), { recursive: true });
    await writeFile(path.join(dir, 'g/2026-04-29.json'), '{}');
    await writeFile(path.join(dir, 'g/2026-06-20-afterparty.json'), '{}');
    await writeFile(path.join(dir, '_headers'), '/*\n  X-Frame-Options: DENY\n');

    await writeEmbedHeaders(dir, ['https://www.example.com']);
    const rules = parseHeadersFile(await readFile(path.join(dir, '_headers'), 'utf8'));
    expect(rules.map((rule) => rule.path)).toEqual([
      '/*',
      '/embed/*',
      '/embed.js',
      '/instagram/feed.json',
      '/g/2026-04-29.json',
      '/g/2026-06-20-afterparty.json',
    ]);
    expect(rules[0]).toEqual({ path: '/*', headers: { 'X-Frame-Options': 'DENY' } });
    expect(headersFor('/embed/g/2026-04-29/', rules)['Content-Security-Policy']).toBe(
      'frame-ancestors https://www.example.com',
    );
  });
});
