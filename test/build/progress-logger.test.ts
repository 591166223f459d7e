import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhaseProgress } from '../../integration/build/build-progress.ts';
import progressLogger from '../../integration/build/progress-logger.ts';
import { imageCounts } from '../../harness/build-output.ts';

type Event = Parameters<ReturnType<typeof progressLogger>['write']>[0];
const info = (message: string, label: string | null = null, newLine = true): Event => ({
  label,
  level: 'info',
  message,
  newLine,
});
// Astro's own lines, colours and all (astro/dist/assets/build/generate.js, core/build/generate.js).
const imageLine = (n: number, total: number, cached: boolean) =>
  info(
    `  \u001b[32m▶\u001b[39m /_astro/photo-${n}.avif \u001b[2m${cached ? '(reused cache entry)' : '(before: 57kB, after: 6kB)'}\u001b[22m \u001b[2m(+1.02s)\u001b[22m \u001b[2m(${n}/${total})\u001b[22m`,
  );

let written: string[];
beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('the build progress logger', () => {
  it('folds one line per image into progress lines and a closing count', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const logger = progressLogger({ intervalMs: 10_000 });
    for (let n = 1; n <= 400; n++) {
      now = n * 100; // 0.1 s an image
      logger.write(imageLine(n, 400, n % 4 === 0));
    }
    const lines = written.join('').split('\n').filter(Boolean);
    expect(lines.some((line) => line.includes('▶'))).toBe(false);
    // One line each 10 s while it runs (40 s in all), then the closing line.
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/images 101\/400, about 30 s left$/);
    expect(lines.at(-1)).toMatch(/images 400\/400 in 40 s: 300 encoded, 100 from cache$/);
    expect(imageCounts(written.join(''))).toEqual({ encoded: 300, fromCache: 100 });
  });

  it('folds the prerendered pages into one line before Astro’s "Completed"', () => {
    const logger = progressLogger();
    logger.write(info('\n prerendering static routes ', 'SKIP_FORMAT'));
    for (const path of ['/index.html', '/g/a/index.html', '/g/a.json']) {
      logger.write(info(`  ├─ ${path}`, null, false));
      logger.write(info(' (+12ms) ', 'SKIP_FORMAT'));
    }
    logger.write(info(`  ├─ /cached.html`, null, false));
    logger.write(info(' (cached)', 'SKIP_FORMAT'));
    logger.write(info('✓ Completed in 492ms.\n'));
    const text = written.join('');
    expect(text).not.toContain('/g/a.json');
    expect(text).toMatch(
      /pages 4 in [\d.]+ s: 3 rendered, 1 from cache\n[^\n]*✓ Completed in 492ms/,
    );
  });

  it('passes every other line through, warnings and errors included', () => {
    const logger = progressLogger();
    logger.write(info('29 approved guest photos', 'astro-instagram-sync:guest-photos'));
    logger.write({ ...info('Unable to generate optimized image'), level: 'warn', label: 'build' });
    expect(written.join('')).toContain('29 approved guest photos');
    expect(written.join('')).toContain('Unable to generate optimized image');
  });
});

describe('PhaseProgress', () => {
  it('estimates the time left from the pace so far', () => {
    let now = 1000;
    const phase = new PhaseProgress('images', () => now);
    now += 4000;
    for (let n = 0; n < 100; n++) phase.add('encoded', 400);
    expect(phase.line()).toBe('images 100/400, about 12 s left');
  });
});
