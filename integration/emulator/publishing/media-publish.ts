import { checkItemFinished } from './carousel-items.ts';
import { type Container, containerStatus, processingDone } from './containers.ts';
import { GraphError, requiredParameter } from '../core/errors.ts';
import { publishContainer } from './publish.ts';
import {
  alreadyPublished,
  containerExpired,
  mediaNotFound,
  mediaNotReady,
  publishingLimitReached,
  unsupportedMediaType,
} from './publishing-errors.ts';
import { publishingLimit, quotaUsage } from './publishing-quota.ts';
import type { Account } from '../core/store.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { publishingAccount } from './publishing-access.ts';

/**
 * `POST /{ig-user-id}/media_publish?creation_id=…`: a FINISHED container becomes a post, once.
 * The checks and the publish run without a pause between them, so concurrent calls publish once.
 */
export async function mediaPublishRoute(call: GraphCall): Promise<unknown> {
  const account = publishingAccount(call);
  const container = publishable(call, account);
  await processingDone(container, call.clock.now());
  const nowMs = call.clock.now();
  checkStatus(container, nowMs);
  const limit = publishingLimit(call.publishing, account);
  if (quotaUsage(call.publishing, account, nowMs) >= limit)
    throw new GraphError(publishingLimitReached(limit));
  return { id: publishContainer(call.store, call.publishing, container, nowMs).id };
}

function publishable(call: GraphCall, account: Account): Container {
  const id = call.query.get('creation_id');
  if (!id) throw new GraphError(requiredParameter('creation_id'));
  const container = call.store.containers.get(id);
  if (!container || container.account !== account) throw new GraphError(mediaNotFound(id));
  if (container.isCarouselItem) {
    throw new GraphError(
      unsupportedMediaType(
        'A carousel item cannot be published on its own: publish the CAROUSEL container that holds it.',
      ),
    );
  }
  return container;
}

function checkStatus(container: Container, nowMs: number): void {
  const status = containerStatus(container, nowMs);
  if (status === 'PUBLISHED') throw new GraphError(alreadyPublished());
  if (status === 'EXPIRED') throw new GraphError(containerExpired());
  if (status !== 'FINISHED') throw new GraphError(mediaNotReady());
  for (const item of container.children) checkItemFinished(item, nowMs);
}
