import { randomInt } from 'node:crypto';
import type { Store } from './store.ts';

/**
 * A new id for a container or a published media: 17 digits starting with 17, like Graph's, and
 * unused by any account, media or container (containers and media never share an id).
 */
export function newGraphId(store: Store): string {
  for (;;) {
    const id = `17${String(randomInt(10 ** 9)).padStart(9, '0')}${String(randomInt(10 ** 6)).padStart(6, '0')}`;
    if (!store.media.has(id) && !store.containers.has(id) && !store.accountsByUserId.has(id))
      return id;
  }
}

const SHORTCODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Instagram's shortcode is the media's numeric id written in this base-64 alphabet. */
export function shortcodeFor(id: string): string {
  let rest = BigInt(id);
  let code = '';
  do {
    code = SHORTCODE_ALPHABET[Number(rest % 64n)] + code;
    rest /= 64n;
  } while (rest > 0n);
  return code;
}
