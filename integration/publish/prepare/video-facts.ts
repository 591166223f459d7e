import { PublishInputError } from './errors.ts';
import { findBox, fourCC, MalformedBoxError, readBoxes, viewOf, type Box } from './iso-bmff.ts';

/** What can be known about an MP4 or MOV file from its boxes alone, without decoding it. */
export interface VideoFacts {
  container: 'mp4' | 'mov';
  /** The `ftyp` major brand, e.g. `isom`, `mp42`, `qt  `; absent in old QuickTime files. */
  brand?: string;
  durationSeconds: number;
  /** As displayed: the video track's rotation applied. */
  width: number;
  height: number;
  /** Clockwise rotation from the video track's matrix (phones record portrait video as rotated landscape). */
  rotation: 0 | 90 | 180 | 270;
  /** The video sample entry type, e.g. `avc1` (H.264), `hvc1` (HEVC). */
  codec?: string;
  sizeBytes: number;
  /** Whether the movie index (moov) comes before the media data (mdat): "fast start". */
  moovFirst: boolean;
  /** Whether the video track has an edit list that does more than play the media from the start. */
  editList: boolean;
}

// Boxes a QuickTime file without `ftyp` may start with.
const LEGACY_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** Reads container, duration, display size and codec from an MP4/MOV file's boxes. */
export function readVideoFacts(bytes: Uint8Array, label = 'the video'): VideoFacts {
  const refuse = (reason: string) =>
    new PublishInputError(
      'unsupported_format',
      `${label} is not a usable MP4 or MOV file: ${reason}. Export it as MP4 (H.264) and upload it again.`,
    );
  let top: Box[];
  try {
    top = readBoxes(bytes);
  } catch (error) {
    if (error instanceof MalformedBoxError || error instanceof RangeError)
      throw refuse(error.message);
    throw error;
  }
  const first = top[0];
  if (!first || (first.type !== 'ftyp' && !LEGACY_FIRST_BOXES.has(first.type)))
    throw refuse('it does not start with an ftyp or moov box');
  const brand =
    first.type === 'ftyp' && first.end - first.payloadStart >= 4
      ? fourCC(bytes, first.payloadStart)
      : undefined;
  const moovIndex = top.findIndex((box) => box.type === 'moov');
  const moov = top[moovIndex];
  if (!moov)
    throw refuse(
      'it has no movie header (moov box); is the file complete, and is it a video rather than a photo?',
    );
  try {
    const duration = movieDuration(bytes, moov);
    if (!duration)
      throw refuse('its movie header states no duration (a fragmented or unfinished recording?)');
    const track = videoTrack(bytes, moov);
    if (!track) throw refuse('it has no video track');
    const mdatIndex = top.findIndex((box) => box.type === 'mdat');
    return {
      container: brand === undefined || brand === 'qt  ' ? 'mov' : 'mp4',
      ...(brand !== undefined && { brand }),
      durationSeconds: duration,
      ...trackFacts(bytes, track),
      sizeBytes: bytes.byteLength,
      moovFirst: mdatIndex === -1 || moovIndex < mdatIndex,
    };
  } catch (error) {
    if (error instanceof MalformedBoxError || error instanceof RangeError)
      throw refuse(`its movie header is damaged (${error.message})`);
    throw error;
  }
}

/** Seconds, from `mvhd` (version 0: 32-bit times; version 1: 64-bit). */
function movieDuration(bytes: Uint8Array, moov: Box): number | undefined {
  const mvhd = findBox(bytes, moov, ['mvhd']);
  if (!mvhd) return undefined;
  const view = viewOf(bytes);
  const at = mvhd.payloadStart;
  const v1 = bytes[at] === 1;
  const timescale = view.getUint32(at + (v1 ? 20 : 12));
  const duration = v1 ? Number(view.getBigUint64(at + 24)) : view.getUint32(at + 16);
  return timescale > 0 && duration > 0 ? duration / timescale : undefined;
}

function videoTrack(bytes: Uint8Array, moov: Box): Box | undefined {
  return readBoxes(bytes, moov.payloadStart, moov.end)
    .filter((box) => box.type === 'trak')
    .find((trak) => {
      const hdlr = findBox(bytes, trak, ['mdia', 'hdlr']);
      return hdlr !== undefined && fourCC(bytes, hdlr.payloadStart + 8) === 'vide';
    });
}

function trackFacts(
  bytes: Uint8Array,
  trak: Box,
): Pick<VideoFacts, 'width' | 'height' | 'rotation' | 'codec' | 'editList'> {
  const tkhd = findBox(bytes, trak, ['tkhd']);
  if (!tkhd) throw new MalformedBoxError('the video track has no tkhd box');
  const view = viewOf(bytes);
  // tkhd after version/flags: times and ids (20 bytes in v0, 32 in v1), 8 reserved, 8 of layer/group/volume, then the 3×3 matrix and 16.16 width, height.
  const matrix = tkhd.payloadStart + 4 + (bytes[tkhd.payloadStart] === 1 ? 32 : 20) + 16;
  const rotation = rotationOf(view.getInt32(matrix), view.getInt32(matrix + 4));
  const stored = {
    width: Math.round(view.getUint32(matrix + 36) / 65536),
    height: Math.round(view.getUint32(matrix + 40) / 65536),
  };
  const upright =
    rotation === 90 || rotation === 270 ? { width: stored.height, height: stored.width } : stored;
  const stsd = findBox(bytes, trak, ['mdia', 'minf', 'stbl', 'stsd']);
  // stsd: version/flags, entry count, then the first sample entry box, whose type names the codec.
  const codec =
    stsd && stsd.end - stsd.payloadStart >= 16 ? fourCC(bytes, stsd.payloadStart + 12) : undefined;
  return {
    ...upright,
    rotation,
    ...(codec !== undefined && { codec }),
    editList: hasRealEditList(bytes, trak),
  };
}

function rotationOf(a: number, b: number): VideoFacts['rotation'] {
  const degrees = (Math.round((Math.atan2(b, a) * 180) / Math.PI / 90) * 90 + 360) % 360;
  return degrees as VideoFacts['rotation'];
}

// Encoders write a one-entry edit list starting at media time 0 as a matter of course; only
// other lists (a cut made without re-encoding, an offset start) change what plays.
function hasRealEditList(bytes: Uint8Array, trak: Box): boolean {
  const elst = findBox(bytes, trak, ['edts', 'elst']);
  if (!elst) return false;
  const view = viewOf(bytes);
  const v1 = bytes[elst.payloadStart] === 1;
  const entries = view.getUint32(elst.payloadStart + 4);
  if (entries !== 1) return entries > 1;
  const mediaTime = v1
    ? view.getBigInt64(elst.payloadStart + 16)
    : BigInt(view.getInt32(elst.payloadStart + 12));
  return mediaTime !== 0n;
}
