import type { Container } from './containers.ts';
import { formatGraphTimestamp } from '../core/dates.ts';
import { newGraphId, shortcodeFor } from '../core/graph-ids.ts';
import type { MediaFile } from './media-upload.ts';
import type { PublishingState } from './publishing-state.ts';
import { addAsset, type Asset, type Media, type PostDetails, type Store } from '../core/store.ts';

/**
 * Turns a FINISHED container into a post of its account at `nowMs`: new media ids, a shortcode,
 * CDN files serving the fetched bytes. Feed posts and reels join the media list, stories the
 * account's stories (Graph lists them under `/stories`); all read by id like any media.
 */
export function publishContainer(
  store: Store,
  state: PublishingState,
  container: Container,
  nowMs: number,
): Media {
  const id = newGraphId(store);
  const media: Media = {
    id,
    account: container.account,
    ...mediaKinds(container),
    timestampMs: nowMs,
    width: 0,
    height: 0,
    altText: container.kind === 'IMAGE' ? container.altText : undefined,
    post: {
      caption: container.caption,
      shortcode: shortcodeFor(id),
      sharedToFeed: container.shareToFeed,
      ...counts(container),
    },
    children: [],
  };
  store.media.set(id, media);
  if (container.kind === 'CAROUSEL') {
    media.children = container.children.map((item) => publishItem(store, media, item));
    showFirstChild(media);
  } else {
    addFiles(store, media, container);
  }
  const account = media.account;
  insertNewestFirst(media.productType === 'STORY' ? account.stories : account.media, media);
  container.mediaId = id;
  state.published.push({ media, containerId: container.id });
  return media;
}

/** A new post has no likes or comments yet; a story has no counts at all, as seeded ones. */
function counts(container: Container): Pick<PostDetails, 'likeCount' | 'commentsCount'> {
  return container.kind === 'STORIES' ? {} : { likeCount: 0, commentsCount: 0 };
}

function mediaKinds(container: Container): Pick<Media, 'mediaType' | 'productType'> {
  const mediaType = container.fileKind === 'video' ? 'VIDEO' : 'IMAGE';
  if (container.kind === 'CAROUSEL') return { mediaType: 'CAROUSEL_ALBUM', productType: 'FEED' };
  if (container.kind === 'REELS') return { mediaType: 'VIDEO', productType: 'REELS' };
  if (container.kind === 'STORIES') return { mediaType, productType: 'STORY' };
  return { mediaType, productType: 'FEED' };
}

function publishItem(store: Store, parent: Media, item: Container): Media {
  const media: Media = {
    id: newGraphId(store),
    account: parent.account,
    mediaType: item.fileKind === 'video' ? 'VIDEO' : 'IMAGE',
    productType: 'FEED',
    timestampMs: parent.timestampMs,
    width: 0,
    height: 0,
    altText: item.fileKind === 'image' ? item.altText : undefined,
    parent,
    children: [],
  };
  store.media.set(media.id, media);
  addFiles(store, media, item);
  item.mediaId = media.id;
  return media;
}

/** A carousel shows as its first item: its size and its `media_url`. */
function showFirstChild(media: Media): void {
  const first = media.children[0];
  if (!first) return;
  media.width = first.width;
  media.height = first.height;
  media.asset = first.asset;
}

function addFiles(store: Store, media: Media, container: Container): void {
  const upload = container.upload;
  if (!upload || 'error' in upload)
    throw new Error(`Container ${container.id} has no media to publish`);
  const { file, cover } = upload;
  media.width = file.width;
  media.height = file.height;
  const common = { width: file.width, height: file.height, colourKey: media.id, label: [] };
  if (file.kind === 'image') {
    media.asset = addAsset(store, {
      ...common,
      file: `${media.id}_n.jpg`,
      kind: 'image',
      bytes: file.bytes,
    });
    return;
  }
  media.asset = addAsset(store, {
    ...common,
    file: `${media.id}_n.mp4`,
    kind: 'video',
    bytes: file.bytes,
  });
  media.thumbnail = addAsset(store, posterAsset(media, file, cover));
}

/** The reel's `cover_url` image when it had one, else a drawn poster like the seeded videos'. */
function posterAsset(media: Media, file: MediaFile, cover: MediaFile | undefined): Asset {
  const poster: Asset = {
    file: `${media.id}_t_n.jpg`,
    kind: 'image',
    width: file.width,
    height: file.height,
    colourKey: media.id,
    label: [],
  };
  if (cover) return { ...poster, width: cover.width, height: cover.height, bytes: cover.bytes };
  const day = formatGraphTimestamp(media.timestampMs).slice(0, 10);
  return { ...poster, label: [`@${media.account.seed.username}`, 'Published', day, '▶ video'] };
}

/** The list stays newest first even when the emulator clock is behind the newest seeded post. */
function insertNewestFirst(list: Media[], media: Media): void {
  const at = list.findIndex((other) => other.timestampMs <= media.timestampMs);
  list.splice(at < 0 ? list.length : at, 0, media);
}

/** Back to the seed: containers dropped, published posts and their files removed. */
export function resetPublishing(store: Store, state: PublishingState): void {
  store.containers.clear();
  for (const { media } of state.published) {
    for (const item of [media, ...media.children]) forget(store, item);
    media.account.media = media.account.media.filter((other) => other !== media);
    media.account.stories = media.account.stories.filter((other) => other !== media);
  }
  state.published = [];
  state.settings = {
    videoProcessingMs: state.options.videoProcessingMs,
    imageFailures: state.options.imageFailures,
  };
}

function forget(store: Store, media: Media): void {
  store.media.delete(media.id);
  for (const asset of [media.asset, media.thumbnail]) if (asset) store.assets.delete(asset.file);
}
