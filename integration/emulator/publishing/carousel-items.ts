import { type Container, containerStatus, processingDone } from './containers.ts';
import { GraphError } from '../core/errors.ts';
import {
  containerExpired,
  mediaNotFound,
  mediaNotReady,
  notACarouselItem,
} from './publishing-errors.ts';
import type { Account, Store } from '../core/store.ts';

/** The `children` of a carousel: each one of this account's carousel item containers, FINISHED. */
export async function carouselItems(
  store: Store,
  account: Account,
  ids: string[],
  now: () => number,
): Promise<Container[]> {
  const items = ids.map((id) => {
    const item = store.containers.get(id);
    if (!item || item.account !== account) throw new GraphError(mediaNotFound(id));
    if (!item.isCarouselItem) throw new GraphError(notACarouselItem(id));
    return item;
  });
  await Promise.all(items.map((item) => processingDone(item, now())));
  for (const item of items) checkItemFinished(item, now());
  return items;
}

/** Checked again at publish time: an item may expire, or go out with another carousel, meanwhile. */
export function checkItemFinished(item: Container, nowMs: number): void {
  const status = containerStatus(item, nowMs);
  if (status === 'EXPIRED') throw new GraphError(containerExpired());
  if (status !== 'FINISHED') throw new GraphError(mediaNotReady());
}
