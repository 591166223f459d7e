import { GuestUploadError } from './upload-errors.ts';

export type GuestImageType = 'jpeg' | 'png' | 'webp' | 'heic';

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** The image type by the file's first bytes (never by its name or the browser's content type). */
export function sniffImageType(bytes: Uint8Array): GuestImageType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(8, 12))) return 'heic';
  return undefined;
}

/**
 * Where the image's own structure ends. A file with more bytes after that is a polyglot (an
 * image that is also a ZIP, a script or an HTML page) and is refused, even though re-encoding
 * would drop the extra bytes: nobody's camera makes one by accident... except "motion photos",
 * which guests export as stills first.
 */
export function imageEnd(bytes: Uint8Array, type: GuestImageType): number {
  switch (type) {
    case 'jpeg':
      return jpegEnd(bytes);
    case 'png':
      return pngEnd(bytes);
    case 'webp':
      return webpEnd(bytes);
    case 'heic':
      return boxesEnd(bytes);
  }
}

/** Refuses bytes after the image's end (a few padding zeros some encoders write are allowed). */
export function assertNoTrailingData(bytes: Uint8Array, type: GuestImageType, label: string): void {
  const end = imageEnd(bytes, type);
  if (end < 0)
    throw new GuestUploadError(
      'broken_image',
      `${label} is a damaged or incomplete ${type.toUpperCase()} file. Upload the original photo.`,
    );
  const extra = bytes.subarray(end);
  if (extra.some((byte) => byte !== 0)) {
    throw new GuestUploadError(
      'trailing_data',
      `${label} has ${extra.byteLength} bytes of other data after the image (it may be two files in one). Upload a plain photo.`,
    );
  }
}

function jpegEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return -1;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) return at + 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (at + 3 >= bytes.length) return -1;
    const length = view.getUint16(at + 2);
    at += 2 + length;
    if (marker === 0xda) at = skipEntropyData(bytes, at);
  }
  return -1;
}

// In entropy-coded data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything
// else is the next marker.
function skipEntropyData(bytes: Uint8Array, at: number): number {
  while (at + 1 < bytes.length) {
    if (bytes[at] === 0xff) {
      const next = bytes[at + 1];
      if (next !== undefined && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff)
        return at;
    }
    at++;
  }
  return bytes.length;
}

function pngEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    at += 12 + length;
    if (type === 'IEND') return at <= bytes.length ? at : -1;
  }
  return -1;
}

function webpEnd(bytes: Uint8Array): number {
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const end = 8 + size + (size % 2);
  return end <= bytes.length ? end : -1;
}

/** ISO-BMFF (HEIC): top-level boxes must cover the file exactly. */
function boxesEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 8 <= bytes.length) {
    let size = view.getUint32(at);
    if (size === 0) return bytes.length;
    if (size === 1) {
      if (at + 16 > bytes.length) return -1;
      size = Number(view.getBigUint64(at + 8));
    }
    if (size < 8) return -1;
    at += size;
  }
  return at === bytes.length ? at : -1;
}
