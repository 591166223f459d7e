import type { StoredPublishJob, StoredWebhookEvent } from './types.ts';

// Claims return the rows an UPDATE … RETURNING changed, in no promised order: sorted here as
// the SELECTs sort them.

/** Byte order, as the columns' collation: ISO times in text order are in time order. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function oldestFirst(a: StoredPublishJob, b: StoredPublishJob): number {
  return byText(a.createdAt, b.createdAt) || byText(a.id, b.id);
}

export function byReceipt(a: StoredWebhookEvent, b: StoredWebhookEvent): number {
  return byText(a.receivedAt, b.receivedAt) || byText(a.dedupKey, b.dedupKey);
}
