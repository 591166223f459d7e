/** Files a guest might upload, hostile ones included, built in memory with sharp and by hand. */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export const TAKEN_AT = '2026:12:05 15:30:00';
/** Brandenburg Gate, as EXIF rationals. */
const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '52/1 30/1 5/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '13/1 22/1 40/1',
};

/** A JPEG photo with a capture time and the place it was taken. */
export function photoWithGps(color = '#c0392b', width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'P1' },
      IFD2: { DateTimeOriginal: TAKEN_AT, OffsetTimeOriginal: '+01:00' },
      IFD3: GPS,
    })
    .toBuffer();
}

export function plainPng(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2980b9' } })
    .png()
    .toBuffer();
}

export const TEXT_AS_JPEG = Buffer.from('This is not a photo, just text with a .jpg name.\n');

/** A real JPEG followed by a ZIP archive: opens as a photo and as a .zip. */
export async function jpegZipPolyglot(): Promise<Buffer> {
  const name = Buffer.from('evil.sh');
  const body = Buffer.from('#!/bin/sh\necho owned\n');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc32(body), 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(body.length, 22);
  local.writeUInt16LE(name.length, 26);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([await photoWithGps(), local, name, body, end]);
}

export async function jpegScriptPolyglot(): Promise<Buffer> {
  return Buffer.concat([
    await photoWithGps(),
    Buffer.from('<script>alert(document.cookie)</script>'),
  ]);
}

/** A 30000×30000 PNG of a few hundred bytes: decoding it would need 2.7 GB. */
export function pngBomb(width = 30000, height = 30000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), // one row of zeros; the rest is missing
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
