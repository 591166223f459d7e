import type { GalleryEvent } from '../events/event-file.ts';
import type {
  StateStore,
  StoredWebhookEvent,
  TaggedCandidate,
  TaggedCandidateSource,
} from '../store/index.ts';
import { candidateEvent } from './candidate-event.ts';
import type { GuestMedia, GuestMediaReader, TaggedMediaSource } from './guest-media.ts';
import { mentionNoticeOf } from './mention-notice.ts';

export interface TaggedIntakeDeps {
  store: Pick<StateStore, 'addTaggedCandidate'>;
  /** The site's events, read afresh. */
  events: () => Promise<GalleryEvent[]>;
  reader: GuestMediaReader;
  /** The account's username, to recognise `@username` in a comment. */
  usernameOf: (accountId: string) => Promise<string | undefined>;
  /** Told of each new candidate (an outgoing webhook, a log line). */
  onNew?: (candidate: TaggedCandidate) => void;
  now?: () => number;
}

/**
 * Turns what names a guest's post into a pending candidate of the event whose window it falls
 * in. Nothing here shows anything: only an approval does (see `reviewCandidate`).
 */
export class TaggedIntake {
  readonly #deps: TaggedIntakeDeps;

  constructor(deps: TaggedIntakeDeps) {
    this.#deps = deps;
  }

  /**
   * A stored webhook event's effect: `tagged: …` when it is a mention of the account, else
   * undefined (not ours to handle).
   */
  async fromWebhook(event: StoredWebhookEvent): Promise<string | undefined> {
    const notice = mentionNoticeOf(event, await this.#deps.usernameOf(event.accountId));
    if (!notice) return undefined;
    const media = await this.#deps.reader.read(notice.accountId, notice.mediaId);
    if (media === 'own') return 'tagged: the account’s own post';
    if (media) return this.#add(notice.accountId, notice.via, media);
    // Unreadable: a comment still names who wrote what; a bare `mentions` notice names nobody.
    if (notice.commenter === undefined) return 'tagged: the post could not be read';
    return this.#add(notice.accountId, notice.via, {
      mediaId: notice.mediaId,
      author: notice.commenter,
      ...(notice.text && { caption: notice.text }),
      mediaUrls: [],
      postedAt: notice.sentAt,
    });
  }

  /** Every post a source lists (the `/tags` edge) since `since`; returns how many were new. */
  async addFromSource(
    source: TaggedMediaSource,
    accountId: string,
    since: string,
  ): Promise<number> {
    let added = 0;
    for await (const media of source.tagged(accountId, since))
      if ((await this.#add(accountId, 'tag', media)).startsWith('tagged: candidate')) added++;
    return added;
  }

  async #add(accountId: string, source: TaggedCandidateSource, media: GuestMedia): Promise<string> {
    const { store, events, onNew, now = Date.now } = this.#deps;
    const event = candidateEvent(media.postedAt, await events());
    if (!event) return 'tagged: outside every event';
    const candidate: TaggedCandidate = {
      ...media,
      accountId,
      eventId: event.id,
      source,
      status: 'pending',
      receivedAt: new Date(now()).toISOString(),
    };
    if (!(await store.addTaggedCandidate(candidate))) return 'tagged: already a candidate';
    onNew?.(candidate);
    return `tagged: candidate for ${event.id}`;
  }
}
