import {
  formatDayTime,
  formatFullTime,
  formatTime,
  formatWeekdayTime,
  sameLocalDay,
} from './format.ts';

/**
 * Every text the gallery components show or announce, in one place, so a site can translate or
 * reword them through the `labels` prop. Texts that contain a value are functions of it.
 */
export interface GalleryLabels {
  /** Accessible name of an event gallery. */
  galleryName: (eventTitle: string) => string;
  /** Accessible name of an Instagram feed; `account` when the feed shows one account. */
  feedName: (account: string | undefined) => string;
  filterLegend: string;
  filterAll: string;
  filterGuests: string;
  filterInstagram: string;
  /** The number of items next to each filter choice. */
  count: (count: number) => string;
  /** An event gallery with nothing to show, guests uploads closed or open. */
  emptyGallery: string;
  emptyGalleryUploadsOpen: string;
  /** An event gallery with `sources="guest"` or `sources="instagram"` and nothing to show. */
  emptyGuestPhotos: string;
  emptyInstagramPosts: string;
  /** An Instagram feed with no post (or none passing its filter). */
  emptyFeed: string;
  guestBadge: string;
  instagramBadge: string;
  /** The badge of a guest's post that tagged or mentioned the account (approved in /admin/moderation). */
  taggedBy: (author: string) => string;
  download: string;
  /** The link to an event's ZIP of all its photos and media (`<DownloadAll>`). */
  downloadAll: (files: number) => string;
  viewOnInstagram: string;
  /** A post Instagram gave no media for (e.g. a video blocked for copyright). */
  unavailable: string;
  unavailableLink: string;
  /** A video Instagram gives no file for (blocked for copyright): it plays only on Instagram. */
  videoUnavailable: string;
  videoUnavailableLink: string;
  /** Accessible name of a carousel, and its size in the card's details. */
  carouselName: (items: number) => string;
  carouselItems: (items: number) => string;
  /** Alt text of a guest photo that has neither alt text nor a caption. */
  guestPhotoAlt: (photo: { uploader: string | undefined; time: string }) => string;
  /** Alt text of an Instagram picture without alt text; `position` is set inside a carousel. */
  instagramAlt: (post: { time: string; position?: { index: number; of: number } }) => string;
  /** The time shown on a gallery card, in the event's time zone. */
  time: (iso: string, timeZone: string) => string;
  /** The day and time on a gallery card from another day than the event's first. */
  dayTime: (iso: string, timeZone: string) => string;
  /** The whole instant with its zone, the tooltip of every card's time. */
  fullTime: (iso: string, timeZone: string) => string;
  /** The date and time shown on a feed card. */
  dateTime: (iso: string, timeZone: string) => string;
}

export const defaultLabels: GalleryLabels = {
  galleryName: (eventTitle) => `Photos of ${eventTitle}`,
  feedName: (account) =>
    account ? `Instagram posts by @${account.replace(/^@/, '')}` : 'Instagram posts',
  filterLegend: 'Show',
  filterAll: 'All',
  filterGuests: 'Guests',
  filterInstagram: 'Instagram',
  count: (count) => `(${count})`,
  emptyGallery:
    'No photos yet. Approved guest photos and our Instagram posts from the event will appear here.',
  emptyGalleryUploadsOpen:
    'No photos yet. Guests can share theirs: approved photos and our Instagram posts from the event appear here.',
  emptyGuestPhotos: 'No guest photos yet.',
  emptyInstagramPosts: 'No Instagram posts from this event yet.',
  emptyFeed: 'No Instagram posts yet.',
  guestBadge: 'Guest',
  instagramBadge: 'Instagram',
  taggedBy: (author) => `Tagged by @${author}`,
  download: 'Download',
  downloadAll: (files) => `Download all (${files} ${files === 1 ? 'file' : 'files'}, ZIP)`,
  viewOnInstagram: 'View on Instagram',
  unavailable: 'This post can’t be shown here.',
  unavailableLink: 'View it on Instagram',
  videoUnavailable: 'This video can’t be played here.',
  videoUnavailableLink: 'Watch it on Instagram',
  carouselName: (items) => `Carousel of ${items}`,
  carouselItems: (items) => `${items} items`,
  guestPhotoAlt: ({ uploader, time }) =>
    `Guest photo${uploader ? ` by ${uploader}` : ''} at ${time}`,
  instagramAlt: ({ time, position }) =>
    `Instagram post at ${time}${position ? `, ${position.index} of ${position.of}` : ''}`,
  time: (iso, timeZone) => formatTime(iso, timeZone),
  dayTime: (iso, timeZone) => formatWeekdayTime(iso, timeZone),
  fullTime: (iso, timeZone) => formatFullTime(iso, timeZone),
  dateTime: (iso, timeZone) => formatDayTime(iso, timeZone),
};

/** The defaults with a site's overrides on top. */
export function resolveLabels(overrides: Partial<GalleryLabels> = {}): GalleryLabels {
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...defaultLabels, ...Object.fromEntries(given) };
}

/**
 * The time a card shows: with the date in a feed (`withDate`); in an event's gallery, the time
 * alone on the event's first day (in its zone) and the day and time on any other.
 */
export function cardTime(
  labels: Pick<GalleryLabels, 'time' | 'dayTime' | 'dateTime'>,
  iso: string,
  timeZone: string,
  context: { withDate?: boolean; eventStart?: string | undefined },
): string {
  if (context.withDate) return labels.dateTime(iso, timeZone);
  if (context.eventStart && !sameLocalDay(iso, context.eventStart, timeZone))
    return labels.dayTime(iso, timeZone);
  return labels.time(iso, timeZone);
}
