import { checkContainerFields, renderContainer } from './container-view.ts';
import { type Container, processingDone } from './containers.ts';
import { GraphError, unsupportedGet } from '../core/errors.ts';
import type { GraphCall } from '../http/graph-call.ts';

/** `GET /{container-id}`: `status_code` and `status` of one of the token's account's containers. */
export async function containerStatusRoute(call: GraphCall): Promise<unknown> {
  const container = ownContainer(call);
  checkContainerFields(call.fields);
  await processingDone(container, call.clock.now());
  return renderContainer(container, call.fields, call.clock.now());
}

function ownContainer(call: GraphCall): Container {
  const id = call.route.nodeId ?? '';
  const container = call.store.containers.get(id);
  if (!container || container.account !== call.account) throw new GraphError(unsupportedGet(id));
  return container;
}
