import { createHash } from 'node:crypto';
import type { PublishRequest } from './prepare/index.ts';

/** How long a published composition is asked about before it is posted again. */
export const REPEAT_WINDOW_MS = 24 * 3600_000;

/**
 * What a request posts, as a hash: the account, the kind, the items in order (their sources
 * and alt text), the fit, and the caption as it will be published. Two requests with the same
 * composition make the same post, whatever their idempotency keys.
 */
export function compositionOf(request: PublishRequest, caption: string): string {
  const items = request.items.map((item) => [item.source, item.altText ?? '']);
  const canonical = JSON.stringify([
    request.account,
    request.kind,
    request.fit,
    caption,
    items.map(([source, alt]) => [sortedEntries(source as object), alt]),
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}

const sortedEntries = (value: object) =>
  Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
