/** One photo of the slideshow. `id` is `guest:<event>/<file>` or `instagram:<post id>`. */
export interface Slide {
  id: string;
  src: string;
  alt?: string;
  caption?: string;
  /** Who took it: a guest's name or the Instagram account. */
  credit?: string;
}

/** The rotation keeps the newest this many photos: a screen runs for hours in bounded memory. */
export const MAX_SLIDES = 300;

/**
 * The slideshow's order: the event's photos oldest first, round and round. A photo approved
 * while it runs is shown next (several in the order they arrived), then the rotation carries on
 * where it was; the new photo has joined it at the end.
 */
export class Playlist {
  #slides: Slide[];
  #arrivals: string[] = [];
  /** The photo on screen. */
  #shown = -1;
  /** The last photo the rotation showed (an arrival shown out of turn does not move it). */
  #rotation = -1;
  readonly #max: number;

  constructor(slides: Slide[], max = MAX_SLIDES) {
    this.#max = max;
    this.#slides = slides.slice(-max);
  }

  get size(): number {
    return this.#slides.length;
  }

  /** Photos approved since the page loaded that have not been shown yet. */
  get waiting(): number {
    return this.#arrivals.length;
  }

  current(): Slide | undefined {
    return this.#slides[this.#shown];
  }

  /** The next photo to show: the oldest arrival not yet shown, else the next in the rotation. */
  next(): Slide | undefined {
    if (this.#slides.length === 0) return undefined;
    const arrival = this.#arrivals.shift();
    if (arrival !== undefined) {
      this.#shown = this.#slides.findIndex((slide) => slide.id === arrival);
    } else {
      this.#rotation = (this.#rotation + 1) % this.#slides.length;
      this.#shown = this.#rotation;
    }
    return this.current();
  }

  previous(): Slide | undefined {
    if (this.#slides.length === 0) return undefined;
    const length = this.#slides.length;
    this.#rotation = (Math.max(this.#shown, 0) - 1 + length) % length;
    this.#shown = this.#rotation;
    return this.current();
  }

  /**
   * The guest photos approved now, as the server lists them: new ones join the end of the
   * rotation and wait to be shown next; guest photos it no longer lists (un-approved since the
   * build) leave. Instagram photos stay as built. `approved` is oldest first, as the server
   * lists it. Returns how many arrived.
   */
  update(approved: Slide[]): number {
    const before = this.#slides;
    const listed = new Set(approved.map((slide) => slide.id));
    const kept = before.filter((slide) => !slide.id.startsWith('guest:') || listed.has(slide.id));
    const known = new Set(kept.map((slide) => slide.id));
    // Only the newest of a long list: the older ones the limit let go stay gone.
    const fresh = approved.slice(-this.#max).filter((slide) => !known.has(slide.id));
    const after = [...kept, ...fresh].slice(-this.#max);
    const index = new Map(after.map((slide, i) => [slide.id, i]));
    this.#slides = after;
    this.#arrivals = [...this.#arrivals, ...fresh.map((slide) => slide.id)].filter((id) =>
      index.has(id),
    );
    this.#shown = carried(before, this.#shown, index);
    this.#rotation = carried(before, this.#rotation, index);
    return fresh.length;
  }
}

/**
 * Where a position in the old list is in the new one. A photo that left gives the position of
 * the nearest one before it that stayed (-1 if none), so `next` goes on to the photo after it.
 */
function carried(before: Slide[], position: number, index: Map<string, number>): number {
  for (let i = position; i >= 0; i--) {
    const at = index.get(before[i]?.id ?? '');
    if (at !== undefined) return at;
  }
  return -1;
}
