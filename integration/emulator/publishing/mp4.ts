/** What the emulator reads from an MP4 or MOV file: enough to accept it and size its poster. */
export interface VideoInfo {
  width?: number;
  height?: number;
}

interface Box {
  type: string;
  /** Where the box's content starts and ends in the file. */
  start: number;
  end: number;
}

// Both are ISO base media files: a sequence of [size][type] boxes. MP4 starts with `ftyp`;
// older QuickTime files may open with `wide`, `free`, `mdat` or `moov` instead.
const FIRST_BOXES = new Set(['ftyp', 'wide', 'free', 'skip', 'mdat', 'moov', 'pnot']);

/** The video's size, or undefined when the bytes are not an MP4/MOV file with a `moov` box. */
export function readVideoInfo(bytes: Buffer): VideoInfo | undefined {
  const top = readBoxes(bytes, 0, bytes.length);
  if (top.length === 0 || !FIRST_BOXES.has(top[0]?.type ?? '')) return undefined;
  const moov = top.find((box) => box.type === 'moov');
  if (!moov) return undefined;
  for (const trak of readBoxes(bytes, moov.start, moov.end).filter((box) => box.type === 'trak')) {
    const tkhd = readBoxes(bytes, trak.start, trak.end).find((box) => box.type === 'tkhd');
    const size = tkhd && trackSize(bytes, tkhd);
    if (size) return size;
  }
  return {};
}

function readBoxes(bytes: Buffer, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to || !/^[\x20-\x7e]{4}$/.test(type)) break;
    boxes.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

/** `tkhd` ends with width and height as 16.16 fixed point; audio tracks have 0 × 0. */
function trackSize(bytes: Buffer, tkhd: Box): VideoInfo | undefined {
  const offset = bytes[tkhd.start] === 1 ? 88 : 76;
  if (tkhd.start + offset + 8 > tkhd.end) return undefined;
  const width = bytes.readUInt32BE(tkhd.start + offset) >>> 16;
  const height = bytes.readUInt32BE(tkhd.start + offset + 4) >>> 16;
  return width > 0 && height > 0 ? { width, height } : undefined;
}
