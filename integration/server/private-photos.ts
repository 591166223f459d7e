import path from 'node:path';
import sharp from 'sharp';
import type { GalleryEvent } from '../events/event-file.ts';
import { approvedPhotos, guestSourceFor, type GuestPhoto } from '../guest/index.ts';
import { MediaCache } from '../media/media-cache.ts';
import type { Services } from './services.ts';

/**
 * A private event's approved guest photos, read on demand from the guest source (the build never
 * sees them) and answered as WebP re-encodes by the gated photo route.
 */

/** The widths the photo route answers (the page's srcset), the last one also the lightbox's. */
export const PRIVATE_PHOTO_WIDTHS = [480, 960, 1440, 2048] as const;
export type PrivatePhotoWidth = (typeof PRIVATE_PHOTO_WIDTHS)[number];

/** Site path of one re-encode of a private photo. */
export const privatePhotoPath = (eventId: string, name: string, width: PrivatePhotoWidth) =>
  `/g/${eventId}/photos/${encodeURIComponent(name)}?w=${width}`;

const caches = new WeakMap<Services, Promise<MediaCache>>();

/**
 * The event's approved photos, oldest first, with their sizes, placeholders and times. The facts
 * of unchanged files come from a cache in the server's data folder, so a photo is decoded once.
 */
export async function privatePhotos(
  services: Services,
  event: GalleryEvent,
  root = process.cwd(),
): Promise<GuestPhoto[]> {
  let cache = caches.get(services);
  if (!cache) {
    const dir = path.join(path.dirname(path.resolve(services.config.stateDbPath)), 'private-media');
    cache = MediaCache.open(dir, 'private-guest-photos');
    caches.set(services, cache);
  }
  const source = guestSourceFor(services.options.guestPhotos, root);
  const opened = await cache;
  const photos = await approvedPhotos(event, source, opened, (file) => file);
  await opened.save();
  return photos;
}

/**
 * One approved photo of the event as a WebP at most `width` wide, or undefined when the event has
 * no approved photo of that name. Cached by the browser only (`private`): never by a shared cache.
 */
export async function privatePhotoResponse(
  services: Services,
  event: GalleryEvent,
  name: string,
  width: PrivatePhotoWidth,
  root = process.cwd(),
): Promise<Response | undefined> {
  const photos = await privatePhotos(services, event, root);
  if (!photos.some((photo) => photo.name === name)) return undefined;
  const webp = await encodePrivatePhoto(services, event, name, width, root);
  return new Response(webp, {
    headers: {
      'content-type': 'image/webp',
      'cache-control': 'private, max-age=3600',
      'x-robots-tag': 'noindex',
    },
  });
}

/**
 * One photo of the event as the gallery serves it: upright, at most `width` wide, a WebP without
 * the upload's metadata (EXIF, GPS). The caller checks that the photo is approved.
 */
export async function encodePrivatePhoto(
  services: Services,
  event: GalleryEvent,
  name: string,
  width: PrivatePhotoWidth,
  root = process.cwd(),
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await guestSourceFor(services.options.guestPhotos, root).read(event.id, name);
  const webp = await sharp(bytes)
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return new Uint8Array(webp);
}
