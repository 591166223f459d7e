import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PublishInputError, readVideoFacts, VIDEO_LIMITS } from './prepare/index.ts';
import { inspectImage } from './prepare/image-source.ts';
import { fourCC } from './prepare/iso-bmff.ts';
import { localStagedFiles, type StagedFiles } from './staged-files.ts';

const MiB = 1024 * 1024;

/** What staff may upload to publish: one file per request. */
export const UPLOAD_LIMITS: UploadLimits = {
  /** The largest video Instagram takes (a reel). */
  videoBytes: VIDEO_LIMITS.reel.maxBytes,
  /** Phone photos, even HEIC or 50 MP, stay well below this. */
  imageBytes: 50 * MiB,
  /** Decoded size: more than this is a decompression bomb, not a photo. */
  imagePixels: 100_000_000,
  /** Staged files are deleted after a day (a job keeps its own prepared copy). */
  keepMs: 24 * 3600_000,
};

export interface UploadLimits {
  videoBytes: number;
  imageBytes: number;
  imagePixels: number;
  keepMs: number;
}

/** A file staff uploaded, checked by its bytes, waiting to be published. */
export interface StagedUpload {
  id: string;
  /** The file name as uploaded, for people. */
  name: string;
  mediaType: 'image' | 'video';
  bytes: number;
  width: number;
  height: number;
  durationSeconds?: number;
  createdAt: string;
}

const ID = /^[0-9a-f-]{36}$/;
// ISO-BMFF brands of still images (HEIC, AVIF); other `ftyp` files are videos.
const IMAGE_BRANDS = new Set([
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);
const LEGACY_VIDEO_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * Staff uploads: streamed to a temporary file on this server's disk with a byte limit, checked
 * by their bytes (an image sharp can read, or an MP4/MOV with a video track), then kept for a
 * day under a random id that a publish request names: in the same folder by default, or in
 * `files` (the guest photos' bucket when it is S3, which every instance of a cluster reads).
 */
export class UploadStaging {
  readonly #dir: string;
  readonly #files: StagedFiles;
  readonly #now: () => number;
  readonly #limits: UploadLimits;
  /** Temporary files this process is writing: pruning leaves them alone, whatever their mtime. */
  readonly #writing = new Set<string>();

  constructor(options: {
    /** Where the bytes land while they arrive (and the staged files, unless `files` is given). */
    dir: string;
    files?: StagedFiles;
    now?: () => number;
    limits?: Partial<UploadLimits>;
  }) {
    this.#dir = options.dir;
    this.#files = options.files ?? localStagedFiles(options.dir);
    this.#now = options.now ?? Date.now;
    this.#limits = { ...UPLOAD_LIMITS, ...options.limits };
  }

  async save(
    body: ReadableStream<Uint8Array> | null,
    fileName: string | null,
  ): Promise<StagedUpload> {
    const name = displayName(fileName);
    if (!body)
      throw new PublishInputError(
        'invalid_request',
        'The upload has no body: send the file’s bytes as the request body, and its name as ?name=.',
      );
    await mkdir(this.#dir, { recursive: true });
    void this.prune().catch(() => undefined);
    const id = randomUUID();
    const part = this.#path(`${id}.part`);
    this.#writing.add(`${id}.part`);
    try {
      await pipeline(
        Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>),
        byteLimit(this.#limits.videoBytes, name),
        createWriteStream(part),
      );
      const bytes = await readFile(part);
      const upload: StagedUpload = {
        id,
        name,
        ...(await inspectUpload(bytes, name, this.#limits)),
        createdAt: new Date(this.#now()).toISOString(),
      };
      // The bytes first: an upload exists for `read` once its record does.
      await this.#files.put(id, bytes);
      await this.#files.put(`${id}.json`, new TextEncoder().encode(JSON.stringify(upload)));
      return upload;
    } finally {
      await rm(part, { force: true });
      this.#writing.delete(`${id}.part`);
    }
  }

  /** The staged file named by a publish request's `{ type: 'upload', uploadId }`. */
  async read(id: string): Promise<{ upload: StagedUpload; bytes: Uint8Array }> {
    const missing = () =>
      new PublishInputError(
        'upload_not_found',
        `There is no upload ${id}: uploads are kept for 24 hours. Upload the file again.`,
        { field: 'items' },
      );
    if (!ID.test(id)) throw missing();
    try {
      const record = await this.#files.get(`${id}.json`);
      if (!record) throw missing();
      const upload = JSON.parse(new TextDecoder().decode(record)) as StagedUpload;
      if (this.#expired(Date.parse(upload.createdAt))) throw missing();
      const bytes = await this.#files.get(id);
      if (!bytes) throw missing();
      return { upload, bytes };
    } catch (error) {
      throw PublishInputError.is(error) ? error : missing();
    }
  }

  /** Deletes staged files older than a day, and temporary files of uploads that never finished. */
  async prune(): Promise<number> {
    let removed = 0;
    for (const { name, modifiedAt } of await this.#files.list()) {
      if (!this.#expired(modifiedAt)) continue;
      await this.#files.remove(name);
      removed++;
    }
    const local = await readdir(this.#dir).catch(() => [] as string[]);
    for (const name of local) {
      if (!/\.(part|tmp)$/.test(name) || this.#writing.has(name)) continue;
      const file = this.#path(name);
      const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Infinity }));
      if (!this.#expired(mtimeMs)) continue;
      await rm(file, { force: true });
      removed++;
    }
    return removed;
  }

  #expired(at: number): boolean {
    return at + this.#limits.keepMs < this.#now();
  }

  #path(name: string): string {
    return path.join(this.#dir, name);
  }
}

async function inspectUpload(
  bytes: Uint8Array,
  name: string,
  limits: UploadLimits,
): Promise<Pick<StagedUpload, 'mediaType' | 'bytes' | 'width' | 'height' | 'durationSeconds'>> {
  if (bytes.byteLength === 0)
    throw new PublishInputError('unsupported_format', `${name} is empty. Upload the file again.`);
  if (isVideoContainer(bytes)) {
    const facts = readVideoFacts(bytes, name);
    return {
      mediaType: 'video',
      bytes: bytes.byteLength,
      width: facts.width,
      height: facts.height,
      durationSeconds: facts.durationSeconds,
    };
  }
  if (bytes.byteLength > limits.imageBytes) {
    throw new PublishInputError(
      'upload_too_large',
      `${name} is ${mib(bytes.byteLength)} MiB; photos may be at most ${mib(limits.imageBytes)} MiB. Export a smaller JPEG.`,
    );
  }
  const image = await inspectImage(bytes, name);
  if (image.width * image.height > limits.imagePixels) {
    throw new PublishInputError(
      'image_too_large',
      `${name} is ${image.width}×${image.height} pixels; photos may have at most ${(limits.imagePixels / 1e6).toLocaleString('en-US')} megapixels. Scale it down first.`,
    );
  }
  return { mediaType: 'image', bytes: bytes.byteLength, width: image.width, height: image.height };
}

function isVideoContainer(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 12) return false;
  const type = fourCC(bytes, 4);
  return type === 'ftyp' ? !IMAGE_BRANDS.has(fourCC(bytes, 8)) : LEGACY_VIDEO_BOXES.has(type);
}

function byteLimit(max: number, name: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.byteLength;
      if (seen > max)
        done(
          new PublishInputError(
            'upload_too_large',
            `${name} is larger than ${mib(max)} MiB, the most this server takes (Instagram's reel limit). Upload a smaller file.`,
          ),
        );
      else done(null, chunk);
    },
  });
}

/** The uploaded file's base name, for messages and the admin page; never used as a path. */
function displayName(fileName: string | null): string {
  const base = (fileName ?? '').split(/[\\/]/).at(-1) ?? '';
  return (
    base
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, 200) || 'the upload'
  );
}

const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
