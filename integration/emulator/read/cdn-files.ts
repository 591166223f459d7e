import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Asset } from '../core/store.ts';

const sampleVideoPaths = {
  '2s': new URL('../seed/sample.mp4', import.meta.url),
  '4s': new URL('../seed/sample-4s.mp4', import.meta.url),
};

export type FileBytes = (asset: Asset) => Promise<Buffer>;

/** Bytes for CDN files: published media as fetched; JPEGs drawn on first request and kept; every other video is a bundled sample MP4 (2 s unless its seed says 4 s). */
export function createFileCache(): FileBytes {
  const cache = new Map<string, Promise<Buffer>>();
  return (asset) => {
    if (asset.bytes) return Promise.resolve(asset.bytes);
    let bytes = cache.get(asset.file);
    if (!bytes) {
      bytes =
        asset.kind === 'video'
          ? readFile(sampleVideoPaths[asset.clip ?? '2s'])
          : renderImage(asset);
      // A failed render must not poison the cache.
      bytes.catch(() => cache.delete(asset.file));
      cache.set(asset.file, bytes);
    }
    return bytes;
  };
}

export async function renderImage(asset: Asset): Promise<Buffer> {
  return sharp(Buffer.from(imageSvg(asset)))
    .jpeg({ quality: 80 })
    .toBuffer();
}

function imageSvg(asset: Asset): string {
  const { width, height } = asset;
  const hue = hueOf(asset.colourKey);
  const size = Math.round(Math.min(width, height) / 12);
  const lines = asset.label
    .map((line, i) => {
      const y = Math.round(height / 2 + (i - (asset.label.length - 1) / 2) * size * 1.4);
      return `<text x="50%" y="${y}" font-size="${i === 1 ? size * 1.6 : size}">${escapeXml(line)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue},65%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},70%,30%)"/>
</linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<g font-family="DejaVu Sans, Liberation Sans, sans-serif" fill="#fff" text-anchor="middle" dominant-baseline="middle">${lines}</g>
</svg>`;
}

function hueOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt16BE(0) % 360;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
