import { captionProblem } from './caption-rules.ts';
import { CONTAINER_KINDS, type ContainerKind } from './containers.ts';
import { GraphError, invalidParameter, requiredParameter } from '../core/errors.ts';
import { captionTooLong, carouselSize, unsupportedMediaType } from './publishing-errors.ts';

/** The parameters of `POST /{ig-user-id}/media`, checked: what kind of container, from which URL. */
export interface ContainerRequest {
  kind: ContainerKind;
  isCarouselItem: boolean;
  fileKind?: 'image' | 'video';
  /** `image_url` or `video_url`. */
  url?: string;
  /** Reels: `cover_url`. */
  coverUrl?: string;
  /** Only where Instagram takes one: single images, reels, carousels. */
  caption?: string;
  /** Images only, as Instagram takes `alt_text` on images (posts and carousel items). */
  altText?: string;
  shareToFeed?: boolean;
  /** Carousels: the item container ids. */
  childIds: string[];
}

// A carousel holds 2–10 items (content publishing guide; error 2207028).
const CAROUSEL_ITEMS = { min: 2, max: 10 };

/** Reads and checks the parameters, or throws the error Instagram answers at creation. */
export function readContainerRequest(params: URLSearchParams): ContainerRequest {
  if (params.get('upload_type') === 'resumable') {
    throw new GraphError(
      invalidParameter(
        'upload_type=resumable is not available with Instagram Login: send video_url',
      ),
    );
  }
  const kind = mediaKind(params);
  const isCarouselItem = isTrue(params.get('is_carousel_item'));
  checkCarouselItem(kind, isCarouselItem);
  const request: ContainerRequest = {
    kind,
    isCarouselItem,
    childIds: [],
    ...mediaSource(kind, params),
  };
  if (kind === 'CAROUSEL') request.childIds = readChildren(params.get('children'));
  if (takesCaption(kind, isCarouselItem)) request.caption = checkedCaption(params.get('caption'));
  if (request.fileKind === 'image' && kind !== 'STORIES')
    request.altText = params.get('alt_text') ?? undefined;
  if (kind === 'REELS') {
    request.coverUrl = params.get('cover_url') || undefined;
    request.shareToFeed =
      params.get('share_to_feed') === null ? true : isTrue(params.get('share_to_feed'));
  }
  return request;
}

function mediaKind(params: URLSearchParams): ContainerKind {
  const raw = params.get('media_type') || 'IMAGE';
  if (!isContainerKind(raw))
    throw new GraphError(unsupportedMediaType(`The media type ${raw} is not supported.`));
  return raw;
}

function isContainerKind(value: string): value is ContainerKind {
  return (CONTAINER_KINDS as readonly string[]).includes(value);
}

/** Standalone VIDEO went away on 2023-11-09 (videos are reels now); VIDEO stays for carousel items. */
function checkCarouselItem(kind: ContainerKind, isCarouselItem: boolean): void {
  if (kind === 'VIDEO' && !isCarouselItem) {
    throw new GraphError(
      unsupportedMediaType(
        'The VIDEO media type is only for carousel items: publish a single video with media_type=REELS.',
      ),
    );
  }
  if (isCarouselItem && kind !== 'IMAGE' && kind !== 'VIDEO') {
    throw new GraphError(
      unsupportedMediaType(
        `A ${kind} container cannot be a carousel item: carousel items are images or videos.`,
      ),
    );
  }
}

function mediaSource(
  kind: ContainerKind,
  params: URLSearchParams,
): Pick<ContainerRequest, 'fileKind' | 'url'> {
  const image = params.get('image_url') || undefined;
  const video = params.get('video_url') || undefined;
  if (kind === 'CAROUSEL') return {};
  if (kind === 'IMAGE') return { fileKind: 'image', url: required(image, 'image_url') };
  if (kind === 'STORIES') {
    if (video) return { fileKind: 'video', url: video };
    return { fileKind: 'image', url: required(image, 'image_url') };
  }
  return { fileKind: 'video', url: required(video, 'video_url') };
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new GraphError(requiredParameter(name));
  return value;
}

/** `children` is `id1,id2` as clients send it, or a JSON array as Meta's reference shows it. */
function readChildren(raw: string | null): string[] {
  const text = (raw ?? '').trim();
  let ids: unknown[] = text === '' ? [] : text.split(',');
  if (text.startsWith('[')) {
    try {
      ids = JSON.parse(text) as unknown[];
    } catch {
      ids = [];
    }
  }
  const children = (Array.isArray(ids) ? ids : []).map((id) => String(id).trim()).filter(Boolean);
  if (children.length < CAROUSEL_ITEMS.min || children.length > CAROUSEL_ITEMS.max)
    throw new GraphError(carouselSize());
  return children;
}

function takesCaption(kind: ContainerKind, isCarouselItem: boolean): boolean {
  return !isCarouselItem && (kind === 'IMAGE' || kind === 'REELS' || kind === 'CAROUSEL');
}

function checkedCaption(caption: string | null): string | undefined {
  if (!caption) return undefined;
  const problem = captionProblem(caption);
  if (problem) throw new GraphError(captionTooLong(problem));
  return caption;
}

function isTrue(value: string | null): boolean {
  return value !== null && /^(true|1)$/i.test(value.trim());
}
