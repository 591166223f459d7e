import { randomBytes } from 'node:crypto';

/** Both signatures are sent for this long after a rotation, so receivers can switch secrets. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** `ep_` and 16 random hex characters. */
export function newEndpointId(): string {
  return `ep_${randomBytes(8).toString('hex')}`;
}
