import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { downloadMedia } from '../media/download.ts';

export interface LiveMediaCacheOptions {
  /** The folder, in the server's data folder; created on first use. */
  dir: string;
  /** The folder's size cap: the least recently served pictures go first. */
  maxBytes: number;
  /** The largest picture accepted from the CDN. */
  maxImageBytes: number;
  timeoutMs: number;
  download?: typeof downloadMedia;
}

export interface CachedPicture {
  bytes: Uint8Array;
  contentType: string;
}

const TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};
const CONTENT_TYPES = Object.fromEntries(Object.entries(TYPES).map(([type, ext]) => [ext, type]));
const FILE = /^([\w-]{1,100})\.(jpg|png|webp|gif|avif)$/;

interface Entry {
  file: string;
  size: number;
  usedAt: number;
}

/**
 * The live pages' pictures, downloaded once from Instagram's CDN and kept on disk under a size
 * cap: when a new picture takes the folder past it, the least recently served ones are deleted.
 * Kept by item id (a post's picture never changes); concurrent requests for one picture share
 * one download.
 */
export class LiveMediaCache {
  readonly #options: LiveMediaCacheOptions;
  #entries: Promise<Map<string, Entry>> | undefined;
  readonly #downloads = new Map<string, Promise<CachedPicture>>();
  #clock = 0;

  constructor(options: LiveMediaCacheOptions) {
    this.#options = options;
  }

  /** The bytes kept on disk now (for tests and logs). */
  async size(): Promise<number> {
    let total = 0;
    for (const entry of (await this.#index()).values()) total += entry.size;
    return total;
  }

  /** The ids of the pictures kept now. */
  async ids(): Promise<string[]> {
    return [...(await this.#index()).keys()];
  }

  /** The picture of item `id`, from disk, or downloaded from `url` and kept. */
  async get(id: string, url: string): Promise<CachedPicture> {
    if (!/^[\w-]{1,100}$/.test(id)) throw new TypeError(`unusable media id ${id}`);
    const index = await this.#index();
    const kept = index.get(id);
    if (kept) {
      const bytes = await readFile(path.join(this.#options.dir, kept.file)).catch(() => undefined);
      if (bytes) {
        kept.usedAt = this.#tick();
        await utimes(path.join(this.#options.dir, kept.file), new Date(), new Date()).catch(
          () => {},
        );
        return { bytes, contentType: CONTENT_TYPES[kept.file.split('.')[1] ?? ''] ?? '' };
      }
      index.delete(id); // deleted behind our back: download it again
    }
    const running = this.#downloads.get(id);
    if (running) return running;
    const download = this.#download(id, url).finally(() => this.#downloads.delete(id));
    this.#downloads.set(id, download);
    return download;
  }

  async #download(id: string, url: string): Promise<CachedPicture> {
    const { dir, maxImageBytes, timeoutMs } = this.#options;
    const { bytes, contentType } = await (this.#options.download ?? downloadMedia)(url, {
      maxBytes: maxImageBytes,
      accept: /^image\/(jpeg|png|webp|gif|avif)$/,
      timeoutMs,
    });
    const ext = TYPES[contentType];
    if (!ext) throw new Error(`the CDN answered ${contentType} for media ${id}`);
    if (bytes.byteLength > this.#options.maxBytes) return { bytes, contentType }; // served, not kept
    await mkdir(dir, { recursive: true });
    const file = `${id}.${ext}`;
    const temporary = path.join(dir, `.${file}.${process.pid}.tmp`);
    await writeFile(temporary, bytes);
    await rename(temporary, path.join(dir, file));
    const index = await this.#index();
    index.set(id, { file, size: bytes.byteLength, usedAt: this.#tick() });
    await this.#evict(index, id);
    return { bytes, contentType };
  }

  /** Deletes the least recently served pictures until the folder is within its cap. */
  async #evict(index: Map<string, Entry>, keep: string): Promise<void> {
    let total = 0;
    for (const entry of index.values()) total += entry.size;
    const oldestFirst = [...index.entries()].sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [id, entry] of oldestFirst) {
      if (total <= this.#options.maxBytes) break;
      if (id === keep) continue;
      index.delete(id);
      total -= entry.size;
      await rm(path.join(this.#options.dir, entry.file), { force: true });
    }
  }

  #index(): Promise<Map<string, Entry>> {
    this.#entries ??= this.#read();
    return this.#entries;
  }

  /** What an earlier run left in the folder, oldest served first by modification time. */
  async #read(): Promise<Map<string, Entry>> {
    const index = new Map<string, Entry>();
    const names = await readdir(this.#options.dir).catch(() => [] as string[]);
    const found: (Entry & { id: string })[] = [];
    for (const name of names) {
      const match = FILE.exec(name);
      if (!match?.[1]) continue;
      const info = await stat(path.join(this.#options.dir, name)).catch(() => undefined);
      if (info?.isFile())
        found.push({ id: match[1], file: name, size: info.size, usedAt: info.mtimeMs });
    }
    for (const entry of found.sort((a, b) => a.usedAt - b.usedAt))
      index.set(entry.id, { file: entry.file, size: entry.size, usedAt: this.#tick() });
    await this.#evict(index, '');
    return index;
  }

  /** A use counter: strictly increasing, unlike a clock read twice in one millisecond. */
  #tick(): number {
    this.#clock += 1;
    return this.#clock;
  }
}
