/**
 * The deepest nesting of arrays and objects in JSON text, brackets inside strings not counted.
 * Read before parsing, so a document nested thousands deep is refused instead of overflowing
 * the stack of whatever walks it afterwards.
 */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // a backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return deepest;
}

/** No request this package takes nests deeper. */
export const MAX_JSON_DEPTH = 64;
