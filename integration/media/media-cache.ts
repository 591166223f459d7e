import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** What the cache knows of one media file; image fields are absent for videos. */
export interface CachedMedia {
  /** File name in the cache folder, "<sha256>.<ext>"; absent when the file lives elsewhere (local guest photos). */
  file?: string;
  contentType: string;
  bytes: number;
  width?: number;
  height?: number;
  /** A tiny blurred WebP as a data URI, shown while the real image loads. */
  placeholder?: string;
  /** EXIF capture time as the camera wrote it ("2026:04:29 19:12:00"), for guest photos. */
  exif?: ExifDate;
}

export interface ExifDate {
  dateTimeOriginal: string;
  offsetTimeOriginal?: string;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/tiff': 'tiff',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/**
 * A content-addressed store of downloaded media plus an index from a stable source key
 * (an Instagram media id, an S3 key and ETag…) to what was stored. A key found in the index
 * is never downloaded or decoded again: that is what makes an unchanged rebuild free.
 */
export class MediaCache {
  readonly dir: string;
  readonly stats = { stored: 0, analysed: 0 };
  readonly #indexFile: string;
  #index: Record<string, CachedMedia>;
  #dirty = false;

  private constructor(dir: string, indexFile: string, index: Record<string, CachedMedia>) {
    this.dir = dir;
    this.#indexFile = indexFile;
    this.#index = index;
  }

  /**
   * Opens the cache in `dir`. Files are shared by every user of the folder; each user (the
   * guest-photo and Instagram loaders run concurrently) keeps its own index, named `name`.
   */
  static async open(dir: string, name = 'media'): Promise<MediaCache> {
    await mkdir(dir, { recursive: true });
    const indexFile = path.join(dir, `${name}.index.json`);
    let index: Record<string, CachedMedia> = {};
    try {
      index = JSON.parse(await readFile(indexFile, 'utf8'));
    } catch {
      // first run or unreadable index: start empty, files are re-derived as needed
    }
    return new MediaCache(dir, indexFile, index);
  }

  /** The cached record for `key`, if its file (when it has one) is still on disk. */
  async get(key: string): Promise<CachedMedia | undefined> {
    const record = this.#index[key];
    if (!record) return undefined;
    if (record.file && !(await exists(path.join(this.dir, record.file)))) return undefined;
    return record;
  }

  /** Stores bytes under their hash and records them for `key`. */
  async put(
    key: string,
    bytes: Uint8Array,
    contentType: string,
    extra: Partial<CachedMedia> = {},
  ): Promise<CachedMedia> {
    const ext = EXTENSIONS[contentType] ?? 'bin';
    const file = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
    const target = path.join(this.dir, file);
    if (!(await exists(target))) {
      const temp = `${target}.${randomUUID()}.tmp`; // two posts may carry the same bytes
      await writeFile(temp, bytes);
      await rename(temp, target);
    }
    this.stats.stored++;
    const info = contentType.startsWith('image/') ? await this.#imageInfo(bytes) : {};
    return this.#remember(key, { file, contentType, bytes: bytes.byteLength, ...info, ...extra });
  }

  /** Records image facts for a file that lives outside the cache (local guest photos). */
  async describe(
    key: string,
    bytes: Uint8Array,
    contentType: string,
    extra: Partial<CachedMedia> = {},
  ): Promise<CachedMedia> {
    return this.#remember(key, {
      contentType,
      bytes: bytes.byteLength,
      ...(await this.#imageInfo(bytes)),
      ...extra,
    });
  }

  /** Whether the record's file is on disk; a record of a file that lives elsewhere has none to lose. */
  async hasFile(record: CachedMedia): Promise<boolean> {
    return record.file === undefined || exists(path.join(this.dir, record.file));
  }

  pathOf(record: CachedMedia): string {
    if (!record.file)
      throw new Error('This media is not in the cache folder (it has no file name).');
    return path.join(this.dir, record.file);
  }

  async save(): Promise<void> {
    if (!this.#dirty) return;
    const temp = `${this.#indexFile}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(this.#index, null, 1));
    await rename(temp, this.#indexFile);
    this.#dirty = false;
  }

  #remember(key: string, record: CachedMedia): CachedMedia {
    this.#index[key] = record;
    this.#dirty = true;
    return record;
  }

  async #imageInfo(
    bytes: Uint8Array,
  ): Promise<Pick<CachedMedia, 'width' | 'height' | 'placeholder'>> {
    this.stats.analysed++;
    const image = sharp(bytes).rotate(); // honour EXIF orientation, as the rendered image does
    const { width, height, orientation } = await sharp(bytes).metadata();
    const swapped = orientation !== undefined && orientation >= 5;
    const tiny = await image.resize(16, 16, { fit: 'inside' }).webp({ quality: 40 }).toBuffer();
    return {
      width: swapped ? height : width,
      height: swapped ? width : height,
      placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
    };
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
