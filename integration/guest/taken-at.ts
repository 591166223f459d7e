import exifr from 'exifr';
import { parseWallClock, wallClockToInstant } from '../events/time-zone.ts';
import type { ExifDate } from '../media/media-cache.ts';

export interface TakenAt {
  takenAt: string; // ISO instant
  source: 'exif' | 'upload';
}

/** Reads EXIF DateTimeOriginal (and OffsetTimeOriginal when the camera wrote one). */
export async function readExifDate(bytes: Uint8Array): Promise<ExifDate | undefined> {
  try {
    const tags = await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal'],
      reviveValues: false,
    });
    const date = tags?.DateTimeOriginal;
    if (typeof date !== 'string' || !/^\d{4}:\d{2}:\d{2}[ T]\d{2}:\d{2}(:\d{2})?/.test(date))
      return undefined;
    const offset = tags.OffsetTimeOriginal;
    return {
      dateTimeOriginal: date.slice(0, 19),
      ...(typeof offset === 'string' &&
        /^[+-]\d{2}:\d{2}$/.test(offset) && { offsetTimeOriginal: offset }),
    };
  } catch {
    return undefined; // no or broken EXIF: the upload time is used instead
  }
}

/**
 * When a photo was taken. Cameras write DateTimeOriginal as local wall-clock time without a
 * zone, so it is read in the event's time zone unless OffsetTimeOriginal says otherwise;
 * without EXIF, the upload time stands in.
 */
export function takenAtOf(exif: ExifDate | undefined, timeZone: string, uploadedAt: Date): TakenAt {
  if (exif) {
    const wall = exif.dateTimeOriginal.replace(/^(\d{4}):(\d{2}):(\d{2})[ T]/, '$1-$2-$3T');
    const valid = parseWallClock(wall) !== undefined;
    const instant = !valid
      ? undefined
      : exif.offsetTimeOriginal
        ? Date.parse(`${wall}${exif.offsetTimeOriginal}`)
        : safeWallClock(wall, timeZone);
    if (instant !== undefined && Number.isFinite(instant))
      return { takenAt: new Date(instant).toISOString(), source: 'exif' };
  }
  return { takenAt: uploadedAt.toISOString(), source: 'upload' };
}

function safeWallClock(wall: string, timeZone: string): number | undefined {
  try {
    return wallClockToInstant(wall, timeZone);
  } catch {
    return undefined;
  }
}
