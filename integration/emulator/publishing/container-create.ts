import { carouselItems } from './carousel-items.ts';
import { type ContainerRequest, readContainerRequest } from './container-params.ts';
import type { Container, Upload } from './containers.ts';
import { GraphError } from '../core/errors.ts';
import { newGraphId } from '../core/graph-ids.ts';
import { type UploadOptions, uploadImage, uploadVideo } from './media-upload.ts';
import { containerLimitReached, unknownUploadError } from './publishing-errors.ts';
import { CONTAINER_LIMIT, containersCreatedInWindow } from './publishing-quota.ts';
import type { Account } from '../core/store.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { publishingAccount } from './publishing-access.ts';

/**
 * `POST /{ig-user-id}/media`: a container. Images are fetched and checked before the answer (a bad
 * one fails the request, unless `imageFailures` is `status`); videos download in the background
 * and stay IN_PROGRESS for `videoProcessingMs`.
 */
export async function createContainerRoute(call: GraphCall): Promise<unknown> {
  const account = publishingAccount(call);
  const request = readContainerRequest(call.query);
  const children = await carouselItems(call.store, account, request.childIds, call.clock.now);
  if (containersCreatedInWindow(call.store, account, call.clock.now()) >= CONTAINER_LIMIT) {
    throw new GraphError(containerLimitReached(CONTAINER_LIMIT));
  }
  const upload = request.fileKind === 'image' ? await imageUpload(call, request) : undefined;
  const container = newContainer(call, account, request, children, upload);
  if (request.fileKind === 'video')
    container.uploaded = downloadVideo(container, request, uploadOptions(call));
  call.store.containers.set(container.id, container);
  return { id: container.id };
}

async function imageUpload(call: GraphCall, request: ContainerRequest): Promise<Upload> {
  try {
    // Stories take any aspect ratio (9:16 recommended); feed images and carousel items 4:5 to 1.91:1.
    return {
      file: await uploadImage(request.url ?? '', {
        ...uploadOptions(call),
        checkAspectRatio: request.kind !== 'STORIES',
      }),
    };
  } catch (error) {
    if (error instanceof GraphError && call.publishing.settings.imageFailures === 'status')
      return { error: error.spec };
    throw error;
  }
}

function newContainer(
  call: GraphCall,
  account: Account,
  request: ContainerRequest,
  children: Container[],
  upload?: Upload,
): Container {
  const nowMs = call.clock.now();
  const processingMs =
    request.fileKind === 'video' ? call.publishing.settings.videoProcessingMs : 0;
  return {
    id: newGraphId(call.store),
    account,
    kind: request.kind,
    isCarouselItem: request.isCarouselItem,
    fileKind: request.fileKind,
    caption: request.caption,
    altText: request.altText,
    shareToFeed: request.shareToFeed,
    children,
    createdAtMs: nowMs,
    readyAtMs: nowMs + processingMs,
    upload,
    uploaded: Promise.resolve(),
  };
}

/** Never rejects: whatever goes wrong ends the container in ERROR. */
async function downloadVideo(
  container: Container,
  request: ContainerRequest,
  options: UploadOptions,
): Promise<void> {
  try {
    const file = await uploadVideo(request.url ?? '', options);
    const cover = request.coverUrl
      ? await uploadImage(request.coverUrl, { ...options, checkAspectRatio: false })
      : undefined;
    container.upload = { file, cover };
  } catch (error) {
    container.upload = { error: error instanceof GraphError ? error.spec : unknownUploadError() };
  }
}

function uploadOptions(call: GraphCall): UploadOptions {
  return { timeoutMs: call.publishing.options.fetchTimeoutMs, signal: call.closing };
}
