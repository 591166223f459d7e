/** The props EventGallery and InstagramFeed share, and their checks. */

/** `grid`: rows of equal columns; `masonry`: CSS columns, items keep their height; `strip`: one row that scrolls sideways. */
export type GalleryLayout = 'grid' | 'masonry' | 'strip';
export const GALLERY_LAYOUTS: readonly GalleryLayout[] = ['grid', 'masonry', 'strip'];

/** Which items an event gallery shows: guest photos, Instagram posts, or both with a filter. */
export type GallerySources = 'guest' | 'instagram' | 'all';
export const GALLERY_SOURCES: readonly GallerySources[] = ['guest', 'instagram', 'all'];

/**
 * Fails the page's render with the component and the prop named: a typo in a page should not
 * quietly render the default.
 */
export function checkChoice<T extends string>(
  component: string,
  prop: string,
  value: T,
  choices: readonly T[],
): T {
  if (!choices.includes(value))
    throw new Error(
      `<${component} ${prop}="${value}">: ${prop} must be one of ${choices.map((c) => `"${c}"`).join(', ')}.`,
    );
  return value;
}

export function checkLimit(component: string, limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new Error(
      `<${component} limit={${limit}}>: limit must be a whole number of at least 1 (leave it out for no limit).`,
    );
  }
  return limit;
}
