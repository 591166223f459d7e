/**
 * Image counts of an `astro build`'s output, from the integration's closing progress line
 * (`images 728/728 in 95 s: 512 encoded, 216 from cache`); zeros when the build made no image.
 */
export function imageCounts(output: string): { encoded: number; fromCache: number } {
  const line = /\bimages (\d+)\/\1 in [^:\n]*(?::([^\n]*))?/.exec(output);
  const count = (kind: string) =>
    Number(new RegExp(`(\\d+) ${kind}`).exec(line?.[2] ?? '')?.[1] ?? 0);
  return { encoded: count('encoded'), fromCache: count('from cache') };
}
