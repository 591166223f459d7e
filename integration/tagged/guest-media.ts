/** A guest's post, as a reader of Instagram found it. */
export interface GuestMedia {
  mediaId: string;
  /** The author's username, without `@`. */
  author: string;
  permalink?: string;
  caption?: string;
  mediaType?: string;
  /** Pictures (a video's thumbnail), in order: CDN URLs the build re-hosts. */
  mediaUrls: string[];
  /** ISO */
  postedAt: string;
}

/**
 * Reads a guest's post named by a notification. `own` when the media is the account's own post
 * (already in the galleries); undefined when the account's login cannot read it (Instagram Login
 * reads only the account's own media: the candidate keeps what the notification gave).
 */
export interface GuestMediaReader {
  read(accountId: string, mediaId: string): Promise<GuestMedia | 'own' | undefined>;
}

/**
 * Lists the posts the account is tagged in since an instant: `GET /{ig-user-id}/tags`, a
 * Facebook Login edge. The Facebook Login flavour plugs its reader in here; candidates come
 * from it the same way as from mentions (see `TaggedIntake.addFromSource`).
 */
export interface TaggedMediaSource {
  tagged(accountId: string, since: string): AsyncIterable<GuestMedia>;
}
