/** A phase of the build that Astro logs one line per item of: its count and time left. */
export class PhaseProgress {
  readonly #name: string;
  readonly #now: () => number;
  readonly #startedAt: number;
  #done = 0;
  #total: number | undefined;
  #lastShownAt: number;
  readonly #kinds = new Map<string, number>();

  constructor(name: string, now: () => number = performance.now.bind(performance)) {
    this.#name = name;
    this.#now = now;
    this.#startedAt = now();
    this.#lastShownAt = this.#startedAt;
  }

  /** Counts one item (of `total`, when known), of a kind such as "encoded" or "from cache". */
  add(kind: string, total?: number): void {
    this.#done++;
    if (total !== undefined) this.#total = total;
    this.#kinds.set(kind, (this.#kinds.get(kind) ?? 0) + 1);
  }

  get finished(): boolean {
    return this.#total !== undefined && this.#done >= this.#total;
  }

  /** The progress line if `intervalMs` passed since the last one shown, else undefined. */
  lineEvery(intervalMs: number): string | undefined {
    if (this.finished || this.#now() - this.#lastShownAt < intervalMs) return undefined;
    this.#lastShownAt = this.#now();
    return this.line();
  }

  /** `images 340/728, about 41 s left` while it runs; `images 728/728 in 95 s: 512 encoded, 216 from cache` at the end. */
  line(): string {
    const elapsed = this.#now() - this.#startedAt;
    const count = this.#total === undefined ? `${this.#done}` : `${this.#done}/${this.#total}`;
    if (!this.finished && this.#total !== undefined && this.#done > 0) {
      const left = ((this.#total - this.#done) * elapsed) / this.#done / 1000;
      return `${this.#name} ${count}, about ${Math.max(1, Math.round(left))} s left`;
    }
    const kinds = [...this.#kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
    return `${this.#name} ${count} in ${seconds(elapsed)}${kinds ? `: ${kinds}` : ''}`;
  }
}

const seconds = (ms: number) =>
  ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
