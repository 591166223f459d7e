import sharp, { type Sharp } from 'sharp';
import { PublishInputError } from './errors.ts';
import { isSrgbProfileName } from './icc-profile.ts';
import { planImageFrame, type ImageFit, type ImageTarget } from './image-frame.ts';
import { inspectImage, messageOf, type ImageSource } from './image-source.ts';
import { encodeJpegWithin, formatMiB, JPEG_QUALITIES } from './jpeg-encoding.ts';
import { IMAGE_LIMITS } from './limits.ts';

export interface PrepareImageOptions {
  /** What to do when a feed image's aspect ratio is outside 4:5 – 1.91:1: refuse, centre-crop or letterbox. */
  fit: ImageFit;
  /** `story` images have no aspect-ratio range (9:16 is only recommended), so `fit` does not apply. Default `feed`. */
  target?: ImageTarget;
  /** Letterbox colour for `fit: "pad"`, also behind transparent pixels; any CSS colour. Default white. */
  padColor?: string;
  /**
   * Default true: the output carries no EXIF, XMP or IPTC at all, so no GPS location, camera
   * serial or owner name. false keeps the EXIF block (GPS included) and drops XMP and IPTC.
   */
  stripGps?: boolean;
  /** How messages name the image, e.g. `image 3 of 4 (wide.jpg)`. Default "the image". */
  label?: string;
}

export interface PreparedImage {
  bytes: Uint8Array;
  width: number;
  height: number;
  /** What was done, in words, e.g. "converted PNG to JPEG"; empty when the input was used as is. */
  changes: string[];
  /** What Instagram will still do to it, e.g. letterbox a story that is not 9:16. */
  warnings: string[];
}

/**
 * Makes an image publishable as an Instagram feed, carousel or story image: a baseline sRGB
 * JPEG, upright, 320 – 1440 px wide, 4:5 – 1.91:1, at most 8 MiB. An input that already is
 * one, and carries nothing to strip, is returned unchanged (it may keep an sRGB ICC profile);
 * anything else is re-encoded, with orientation baked into the pixels and no ICC profile
 * (a JPEG without one is read as sRGB).
 */
export async function prepareImage(
  bytes: Uint8Array,
  options: PrepareImageOptions,
): Promise<PreparedImage> {
  const {
    fit,
    target = 'feed',
    padColor = 'white',
    stripGps = true,
    label = 'the image',
  } = options;
  const source = await inspectImage(bytes, label);
  const frame = planImageFrame(source.width, source.height, { fit, padColor, label, target });
  const { warnings } = frame;
  const changes = [
    ...encodingChanges(source, padColor),
    ...metadataChanges(source, stripGps),
    ...frame.changes,
  ];
  if (changes.length === 0 && source.byteLength <= IMAGE_LIMITS.maxBytes) {
    return { bytes, width: source.width, height: source.height, changes, warnings };
  }
  const pipeline = sharp(bytes)
    .autoOrient()
    .resize(frame.width, frame.height, { fit: frame.fit, background: padColor })
    .flatten({ background: padColor })
    .toColourspace('srgb');
  if (!stripGps) pipeline.keepExif();
  const encoded = await encode(pipeline, source, label);
  return {
    bytes: encoded.bytes,
    width: frame.width,
    height: frame.height,
    changes: [...changes, ...qualityChange(encoded.quality, source, changes)],
    warnings,
  };
}

async function encode(pipeline: Sharp, source: ImageSource, label: string) {
  try {
    return await encodeJpegWithin(pipeline, IMAGE_LIMITS.maxBytes, label);
  } catch (error) {
    if (error instanceof PublishInputError) throw error;
    // libvips as shipped with sharp reads HEIC headers but has no HEVC decoder (a patent matter).
    const hint =
      source.formatName === 'HEIC'
        ? ' Export it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible) and upload it again.'
        : ' Export it as JPEG or PNG and upload it again.';
    throw new PublishInputError(
      'unsupported_format',
      `${label} is ${source.formatName}, which this server cannot decode (${messageOf(error)}).${hint}`,
      { cause: error },
    );
  }
}

const ORIENTATIONS: Record<number, string> = {
  2: 'mirrored',
  3: 'rotated 180°',
  4: 'flipped upside down',
  5: 'mirrored and rotated 90° counter-clockwise',
  6: 'rotated 90° clockwise',
  7: 'mirrored and rotated 90° clockwise',
  8: 'rotated 90° counter-clockwise',
};

/** What it takes to turn the input into a baseline sRGB JPEG Instagram accepts. */
function encodingChanges(source: ImageSource, background: string): string[] {
  const changes: string[] = [];
  if (source.format !== 'jpeg') changes.push(`converted ${source.formatName} to JPEG`);
  else if (source.progressive) changes.push('converted progressive JPEG to baseline');
  if (source.pages > 1) changes.push(`kept the first of ${source.pages} frames`);
  if (source.space === 'cmyk') changes.push('converted CMYK to sRGB');
  else if (source.iccName !== undefined && !isSrgbProfileName(source.iccName))
    changes.push(`converted colour profile "${source.iccName}" to sRGB`);
  else if (source.hasIcc && source.iccName === undefined)
    changes.push('converted an unnamed colour profile to sRGB');
  else if (source.channels < 3) changes.push('converted greyscale to sRGB');
  if (source.hasAlpha) changes.push(`flattened transparency onto ${background}`);
  if (source.orientation > 1)
    changes.push(
      `applied EXIF orientation ${source.orientation} (${ORIENTATIONS[source.orientation] ?? 'unknown'})`,
    );
  if (source.hasGainMap) changes.push('removed the HDR gain map');
  return changes;
}

function metadataChanges(source: ImageSource, stripGps: boolean): string[] {
  const dropped = stripGps
    ? source.metadataBlocks
    : source.metadataBlocks.filter((block) => block !== 'EXIF');
  const gps = stripGps && source.hasGps ? ['removed GPS location'] : [];
  return dropped.length === 0 ? gps : [...gps, `removed ${dropped.join(', ')} metadata`];
}

function qualityChange(quality: number, source: ImageSource, changes: string[]): string[] {
  if (quality < JPEG_QUALITIES[0])
    return [
      `lowered JPEG quality to ${quality} to stay within ${formatMiB(IMAGE_LIMITS.maxBytes)}`,
    ];
  if (changes.length === 0)
    return [
      `re-encoded the ${formatMiB(source.byteLength)} file at JPEG quality ${quality} to stay within ${formatMiB(IMAGE_LIMITS.maxBytes)}`,
    ];
  return [];
}
