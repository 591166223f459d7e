import { stripVTControlCharacters } from 'node:util';
import nodeLogger from 'astro/logger/node';
import { PhaseProgress } from './build-progress.ts';

type Destination = ReturnType<typeof nodeLogger>;
type LogEvent = Parameters<Destination['write']>[0];

export interface ProgressLoggerConfig {
  level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How often a progress line is printed while a phase runs (default 10 s). */
  intervalMs?: number;
}

// Astro's own lines, one per optimized image and one per prerendered page.
const IMAGE = /▶ \S+ .*\((?:reused cache entry|before: [^)]*)\).*\((\d+)\/(\d+)\)\s*$/;
// A page is two events: its path (no newline), then its time, `(cached)` or `(restored)`.
const PAGE_PATH = /^\s*[├└]─ \S+\s*$/;
const PAGE_END = /^\s*\((?:\+[\d.]+\s*m?s|cached|restored)\)/;
const PHASE_DONE = /✓ Completed in /;

/**
 * Astro's console logger (`astro/logger/node`), with the build's per-image and per-page lines
 * folded into progress lines: `images 340/728, about 41 s left` every `intervalMs` while the
 * images are generated, then `images 728/728 in 95 s: 512 encoded, 216 from cache`; and
 * `pages 27 in 0.5 s: 27 rendered` for the prerendered pages. Everything else passes through unchanged.
 * The integration installs it (Astro's `logger` option); see docs/decisions.md.
 */
export default function progressLogger(config: ProgressLoggerConfig = {}): Destination {
  const out = nodeLogger({ level: config.level ?? 'info' });
  const intervalMs = config.intervalMs ?? 10_000;
  let images: PhaseProgress | undefined;
  let pages: PhaseProgress | undefined;
  let pageOpen = false;
  const say = (event: LogEvent, message: string) =>
    out.write({ ...event, label: 'build', message, newLine: true });
  return {
    ...out,
    write(event) {
      const text = stripVTControlCharacters(event.message);
      const image = event.level === 'info' ? IMAGE.exec(text) : null;
      if (image) {
        images ??= new PhaseProgress('images');
        images.add(
          text.includes('reused cache entry') ? 'from cache' : 'encoded',
          Number(image[2]),
        );
        const line = images.finished ? images.line() : images.lineEvery(intervalMs);
        if (line) say(event, line);
        if (images.finished) images = undefined;
        return;
      }
      if (event.level === 'info' && !event.newLine && PAGE_PATH.test(text)) {
        pages ??= new PhaseProgress('pages');
        pageOpen = true;
        return;
      }
      if (pageOpen && PAGE_END.test(text)) {
        pageOpen = false;
        pages?.add(
          text.includes('(cached)') || text.includes('(restored)') ? 'from cache' : 'rendered',
        );
        return;
      }
      if (pages && PHASE_DONE.test(text)) {
        say(event, pages.line());
        pages = undefined;
      }
      out.write(event);
    },
  };
}
