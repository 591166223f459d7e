/**
 * A box of the ISO base media file format (ISO/IEC 14496-12 §4.2), the structure of MP4 and
 * QuickTime MOV files: a 32-bit size (1: a 64-bit size follows; 0: to the end), a four-character
 * type, then the payload, which for container boxes is more boxes.
 */
export interface Box {
  type: string;
  start: number;
  payloadStart: number;
  end: number;
}

/** The bytes do not hold well-formed boxes; the message says where and why. */
export class MalformedBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedBoxError';
  }
}

/** The boxes directly inside `bytes[start, end)`, in file order. */
export function readBoxes(bytes: Uint8Array, start = 0, end = bytes.byteLength): Box[] {
  const view = viewOf(bytes);
  const boxes: Box[] = [];
  for (let at = start; at < end; ) {
    if (end - at < 8)
      throw new MalformedBoxError(
        `${end - at} stray bytes at byte ${at}, too few for a box header`,
      );
    const type = fourCC(bytes, at + 4);
    const declared = view.getUint32(at);
    const headerSize = declared === 1 ? 16 : 8;
    if (end - at < headerSize)
      throw new MalformedBoxError(
        `box "${printable(type)}" at byte ${at} has a 64-bit size but only ${end - at} bytes remain`,
      );
    const size =
      declared === 1 ? Number(view.getBigUint64(at + 8)) : declared === 0 ? end - at : declared;
    if (size < headerSize)
      throw new MalformedBoxError(
        `box "${printable(type)}" at byte ${at} declares ${size} bytes, less than its own header`,
      );
    if (at + size > end)
      throw new MalformedBoxError(
        `box "${printable(type)}" at byte ${at} declares ${size} bytes but only ${end - at} remain (is the file truncated?)`,
      );
    boxes.push({ type, start: at, payloadStart: at + headerSize, end: at + size });
    at += size;
  }
  return boxes;
}

/** The first box at `path` (e.g. `['mdia', 'hdlr']`) below `parent`, descending through containers. */
export function findBox(bytes: Uint8Array, parent: Box, path: string[]): Box | undefined {
  let current: Box | undefined = parent;
  for (const type of path) {
    current = readBoxes(bytes, current.payloadStart, current.end).find((box) => box.type === type);
    if (!current) return undefined;
  }
  return current;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}
