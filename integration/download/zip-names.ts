import { formatInZone } from '../events/time-zone.ts';
/**
 * Names of the files inside a "Download all" ZIP. Parts of them come from guests (a file name,
 * an uploader's name), so each is made safe for every unzip tool and file system: ASCII letters,
 * digits, `.`, `_` and `-` only (accents dropped, anything else a `-`), no path separators, no
 * leading dot, no Windows device name, at most MAX_NAME_LENGTH characters; and unique even on a
 * case-insensitive file system (a second `a.webp` becomes `a-2.webp`).
 */

export const MAX_NAME_LENGTH = 100;
const MAX_EXTENSION_LENGTH = 5;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** One safe name per wanted name, in the same order, no two alike (ignoring case). */
export function zipEntryNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((name) => {
    const { stem, extension } = safeParts(name);
    for (let copy = 1; ; copy++) {
      const suffix = copy === 1 ? '' : `-${copy}`;
      const room = MAX_NAME_LENGTH - suffix.length - extension.length;
      const candidate = `${trimEnds(stem.slice(0, room)) || 'file'}${suffix}${extension}`;
      if (taken.has(candidate.toLowerCase())) continue;
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  });
}

/** `name` as a safe stem and a safe extension (`.webp`, or none). */
function safeParts(name: string): { stem: string; extension: string } {
  const ascii = toAscii(name);
  const dot = ascii.lastIndexOf('.');
  const rawExtension = dot > 0 ? ascii.slice(dot + 1).toLowerCase() : '';
  const extension =
    /^[a-z0-9]+$/.test(rawExtension) && rawExtension.length <= MAX_EXTENSION_LENGTH
      ? `.${rawExtension}`
      : '';
  const stem = trimEnds(
    (extension ? ascii.slice(0, dot) : ascii)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/\.{2,}/g, '.'),
  );
  return { stem: WINDOWS_DEVICES.test(stem.split('.')[0] ?? '') ? `_${stem}` : stem, extension };
}

/** Accents dropped (é → e); every other non-ASCII or control character a `-`. */
function toAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\x20-\x7e]+/g, '-');
}

/** No dots, dashes or spaces at the ends: no hidden files, no "name." that Windows cuts short. */
function trimEnds(text: string): string {
  return text.replace(/^[.\s-]+|[.\s-]+$/g, '');
}

/**
 * The name an item would like, before `zipEntryNames` makes it safe: the local date and time in
 * the event's time zone first, so that sorting by name is the timeline, then who made it and
 * its own name, e.g. `2026-04-29_21-30-05_Chloe_band.webp`.
 */
export function describedName(item: {
  at: string;
  timeZone: string;
  by: string;
  name: string;
  extension: string;
}): string {
  // "2026-04-29T21:30:05+02:00" → "2026-04-29_21-30-05"
  const when = formatInZone(Date.parse(item.at), item.timeZone)
    .slice(0, 19)
    .replace('T', '_')
    .replaceAll(':', '-');
  return `${when}_${item.by}_${item.name}.${item.extension}`;
}
