/**
 * The "Download all" ZIP of an event: where it is, and how many files it holds. The files
 * themselves are listed by download/download-list.ts, with the same rule: each guest photo, and
 * each Instagram item the build re-hosted (a video's file, else its picture).
 */

/** The site path of an event's ZIP, without the site's `base`. */
export const eventZipPath = (eventId: string) => `/g/${eventId}/photos.zip`;

/** The name a browser saves the ZIP as. */
export const eventZipName = (eventId: string) => `${eventId}-photos.zip`;

export function downloadableCount(
  guestPhotos: readonly unknown[],
  posts: readonly {
    data: {
      items: readonly { image?: unknown; video?: string | undefined }[];
      taggedBy?: unknown;
    };
  }[],
): number {
  // Guests' tagged posts are not in the ZIP (download-list.ts).
  const postFiles = posts.flatMap((post) =>
    post.data.taggedBy !== undefined
      ? []
      : post.data.items.filter((item) => item.video !== undefined || item.image !== undefined),
  );
  return guestPhotos.length + postFiles.length;
}
