import { readFileSync } from 'node:fs';

/** A real 2 s, 360×640 H.264 + AAC MP4 (moov before mdat), from the emulator seed. */
export const SAMPLE_MP4: Uint8Array = new Uint8Array(
  readFileSync(new URL('../../integration/emulator/seed/sample.mp4', import.meta.url)),
);

/** A copy of the sample with one edit applied to it. */
export function editedSample(edit: (bytes: Uint8Array, view: DataView) => void): Uint8Array {
  const bytes = SAMPLE_MP4.slice();
  edit(bytes, new DataView(bytes.buffer));
  return bytes;
}

/** Byte offset of the first box of this type (where its 4-character type starts, minus the size field). */
export function boxOffset(bytes: Uint8Array, type: string): number {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(
    type,
    0,
    'latin1',
  );
  if (at < 4) throw new Error(`no ${type} box in the sample`);
  return at - 4;
}

/** Sets the movie duration in mvhd (version 0: timescale at +20, duration at +24 from the box start). */
export function withDurationSeconds(seconds: number): Uint8Array {
  return editedSample((bytes, view) => {
    const mvhd = boxOffset(bytes, 'mvhd');
    const timescale = view.getUint32(mvhd + 20);
    view.setUint32(mvhd + 24, Math.round(seconds * timescale));
  });
}

/** Rewrites the ftyp, moov and mdat of the sample as ftyp, mdat, moov (a file without "fast start"). */
export function withMoovLast(): Uint8Array {
  const moov = boxOffset(SAMPLE_MP4, 'moov');
  const moovEnd = moov + new DataView(SAMPLE_MP4.buffer, SAMPLE_MP4.byteOffset).getUint32(moov);
  const parts = [
    SAMPLE_MP4.subarray(0, moov),
    SAMPLE_MP4.subarray(moovEnd),
    SAMPLE_MP4.subarray(moov, moovEnd),
  ];
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}
