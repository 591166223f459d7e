import { request } from 'undici';
import { readVideoFacts } from './prepare/index.ts';

/** How much of a video is read to find its length: the movie header of a "fast start" file. */
const HEAD_BYTES = 1024 * 1024;
const MAX_REMEMBERED = 1000;
/** Lengths by media id: an Instagram media's file never changes. */
const remembered = new Map<string, number | undefined>();

/**
 * The length in seconds of the video at `url` (one of the account's Instagram videos), read from
 * its first MiB; undefined when that does not hold the movie header or the file cannot be read.
 * Instagram's spec asks for the header first ("moov atom at front"), and its own files have it.
 */
export async function videoLengthOf(mediaId: string, url: string): Promise<number | undefined> {
  if (remembered.has(mediaId)) return remembered.get(mediaId);
  const seconds = durationFromHead(await readHead(url).catch(() => undefined));
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value ?? '');
  remembered.set(mediaId, seconds);
  return seconds;
}

/** A video's length from its first bytes, when they hold the whole movie header (moov box). */
export function durationFromHead(bytes: Uint8Array | undefined): number | undefined {
  if (!bytes) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.byteLength; ) {
    const declared = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const size =
      declared === 1
        ? at + 16 <= bytes.byteLength
          ? Number(view.getBigUint64(at + 8))
          : 0
        : declared === 0
          ? bytes.byteLength - at
          : declared;
    if (size < 8) return undefined;
    if (type === 'moov') {
      if (at + size > bytes.byteLength) return undefined;
      try {
        return readVideoFacts(bytes.subarray(at, at + size)).durationSeconds;
      } catch {
        return undefined;
      }
    }
    at += size;
  }
  return undefined;
}

async function readHead(url: string): Promise<Uint8Array> {
  const { statusCode, body } = await request(url, {
    headers: { range: `bytes=0-${HEAD_BYTES - 1}` },
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  if (statusCode !== 200 && statusCode !== 206) {
    body.destroy();
    throw new Error(`HTTP ${statusCode}`);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).byteLength;
    if (length >= HEAD_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}
