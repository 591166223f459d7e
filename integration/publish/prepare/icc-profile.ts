/**
 * The description of an ICC colour profile ("sRGB IEC61966-2.1", "Display P3"…), read from its
 * `desc` tag (ICC.1 v2 `desc` text or v4 `mluc` first record). Undefined when it cannot be read.
 */
export function iccProfileName(icc: Uint8Array): string | undefined {
  if (icc.byteLength < 132) return undefined;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const tagCount = view.getUint32(128);
  for (let i = 0; i < tagCount; i++) {
    const entry = 132 + i * 12;
    if (entry + 12 > icc.byteLength) return undefined;
    if (fourCC(icc, entry) !== 'desc') continue;
    return descriptionAt(icc, view, view.getUint32(entry + 4), view.getUint32(entry + 8));
  }
  return undefined;
}

/** Whether a profile name says sRGB: such a profile needs no conversion. */
export function isSrgbProfileName(name: string | undefined): boolean {
  return name !== undefined && /srgb/i.test(name);
}

function descriptionAt(
  icc: Uint8Array,
  view: DataView,
  offset: number,
  size: number,
): string | undefined {
  if (offset + size > icc.byteLength || size < 12) return undefined;
  const type = fourCC(icc, offset);
  if (type === 'desc') {
    const length = view.getUint32(offset + 8);
    const text = icc.subarray(offset + 12, Math.min(offset + 12 + length, offset + size));
    return new TextDecoder('latin1').decode(text).replace(/\0.*$/s, '') || undefined;
  }
  if (type === 'mluc' && size >= 28) {
    const length = view.getUint32(offset + 20);
    const start = offset + view.getUint32(offset + 24);
    if (start + length > icc.byteLength) return undefined;
    return (
      new TextDecoder('utf-16be')
        .decode(icc.subarray(start, start + length))
        .replace(/\0.*$/s, '') || undefined
    );
  }
  return undefined;
}

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
