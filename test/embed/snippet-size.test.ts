import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const SNIPPET = new URL('../../integration/embed/snippet.js', import.meta.url);

describe('embed.js', () => {
  it('is under 2 KB gzipped', async () => {
    const source = await readFile(SNIPPET);
    const gzipped = gzipSync(source, { level: 9 }).length;
    expect(gzipped).toBeLessThan(2048);
    console.log(`embed.js: ${source.length} bytes, ${gzipped} bytes gzipped`);
  });

  it('is plain script that any page can load (no import or export)', async () => {
    const source = await readFile(SNIPPET, 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\b/m);
    expect(() => new Function(source)).not.toThrow();
  });
});
