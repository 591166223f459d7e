/**
 * The README and the pages of docs/ stay honest: the README is short, and every relative link or
 * image in them points at a file that exists (and, for a link to a Markdown heading, a heading
 * that exists).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README_MAX_BYTES = 16 * 1024;

const pages = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside fenced code blocks and inline code, where links mean links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link and image targets: `[text](target)`, `![alt](target)` and `<img src="target">`. */
function targets(markdown: string): string[] {
  const text = prose(markdown);
  const links = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  const images = [...text.matchAll(/<img\s[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);
  return [...links, ...images];
}

/** GitHub's anchors for the headings of a Markdown file. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('the README and docs/', () => {
  it(`keep the README at most ${README_MAX_BYTES} bytes`, () => {
    const bytes = readFileSync(path.join(ROOT, 'README.md')).length;
    expect(bytes, 'README.md: move details into a page of docs/').toBeLessThanOrEqual(
      README_MAX_BYTES,
    );
  });

  it('link to every page of docs/ from the README', () => {
    const readme = targets(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    const linked = new Set(readme.map((target) => target.split('#')[0]));
    expect(pages.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([]);
  });

  it.each(pages)('%s: every relative link and image points at something that exists', (page) => {
    const broken: string[] = [];
    for (const target of targets(readFileSync(path.join(ROOT, page), 'utf8'))) {
      if (isExternal(target)) continue;
      const [file = '', anchor] = target.split('#');
      const resolved = file
        ? path.resolve(path.dirname(path.join(ROOT, page)), file)
        : path.join(ROOT, page);
      if (!existsSync(resolved)) {
        broken.push(`${target} (no file ${path.relative(ROOT, resolved)})`);
        continue;
      }
      if (
        anchor &&
        resolved.endsWith('.md') &&
        !anchors(readFileSync(resolved, 'utf8')).has(anchor)
      )
        broken.push(`${target} (no heading with the anchor #${anchor})`);
    }
    expect(broken).toEqual([]);
  });
});
