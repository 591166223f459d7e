import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EMBED_SNIPPET } from '../../integration/embed/snippet.ts';

describe('embed.js', () => {
  it('is under 2 KB gzipped', () => {
    const bytes = Buffer.from(EMBED_SNIPPET);
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    expect(gzipped, `embed.js: ${bytes.length} bytes, ${gzipped} bytes gzipped`).toBeLessThan(2048);
  });

  it('is plain script that any page can load (no import or export)', () => {
    expect(EMBED_SNIPPET).not.toMatch(/^\s*(import|export)\b/m);
    expect(() => new Function(EMBED_SNIPPET)).not.toThrow();
  });
});
