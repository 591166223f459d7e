import { describe, expect, it } from 'vitest';
import {
  checkVideo,
  readVideoFacts,
  type VideoFacts,
} from '../../integration/publish/prepare/index.ts';
import { jpeg } from './images.ts';
import {
  boxOffset,
  editedSample,
  SAMPLE_MP4,
  withDurationSeconds,
  withMoovLast,
} from './videos.ts';
import { refusal } from './refusal.ts';

describe('reading video facts from MP4 boxes', () => {
  it('reads brand, duration, size and codec of a real MP4', () => {
    const facts = readVideoFacts(SAMPLE_MP4);
    expect(facts.durationSeconds).toBeCloseTo(2, 1);
    expect(Math.abs(facts.durationSeconds - 2)).toBeLessThanOrEqual(0.05);
    expect(facts).toMatchObject({
      container: 'mp4',
      brand: 'isom',
      width: 360,
      height: 640,
      rotation: 0,
      codec: 'avc1',
      sizeBytes: SAMPLE_MP4.byteLength,
      moovFirst: true,
      editList: false,
    });
  });

  it('reads a rewritten duration', () => {
    expect(readVideoFacts(withDurationSeconds(901.5)).durationSeconds).toBeCloseTo(901.5, 3);
  });

  it('swaps width and height when the track is rotated 90°', () => {
    const rotated = editedSample((bytes, view) => {
      const matrix = boxOffset(bytes, 'tkhd') + 8 + 4 + 20 + 16;
      for (const [i, value] of [0, 0x10000, 0, -0x10000, 0].entries())
        view.setInt32(matrix + i * 4, value);
    });
    expect(readVideoFacts(rotated)).toMatchObject({ width: 640, height: 360, rotation: 90 });
  });

  it('calls a QuickTime brand a MOV', () => {
    const mov = editedSample((bytes) =>
      bytes.set(new TextEncoder().encode('qt  '), boxOffset(bytes, 'ftyp') + 8),
    );
    expect(readVideoFacts(mov)).toMatchObject({ container: 'mov', brand: 'qt  ' });
  });

  it('notices the index after the media data', () => {
    expect(readVideoFacts(withMoovLast()).moovFirst).toBe(false);
  });

  it('refuses a JPEG, naming it and saying what to upload', async () => {
    const photo = await jpeg(64, 64);
    const error = refusal(() => readVideoFacts(photo, 'video 1 of 1 (clip.mp4)'));
    expect(error).toMatchObject({ code: 'unsupported_format' });
    expect(error.message).toMatch(
      /^video 1 of 1 \(clip\.mp4\) is not a usable MP4 or MOV file: .+\. Export it as MP4 \(H\.264\) and upload it again\.$/,
    );
  });

  it('refuses text and empty bytes', () => {
    expect(
      refusal(() => readVideoFacts(new TextEncoder().encode('just some text, not a movie at all'))),
    ).toMatchObject({ code: 'unsupported_format' });
    expect(refusal(() => readVideoFacts(new Uint8Array(0)))).toMatchObject({
      code: 'unsupported_format',
    });
  });

  it('refuses a truncated download, saying how many bytes are missing', () => {
    const error = refusal(() => readVideoFacts(SAMPLE_MP4.subarray(0, 20_000)));
    expect(error.message).toContain(
      'box "mdat" at byte 2570 declares 46976 bytes but only 17430 remain (is the file truncated?)',
    );
  });

  it('refuses a file with no moov box', () => {
    const error = refusal(() => readVideoFacts(SAMPLE_MP4.subarray(0, 32)));
    expect(error.message).toContain('it has no movie header (moov box)');
  });
});

describe('checking a video against the spec for its kind', () => {
  const portrait: VideoFacts = readVideoFacts(withDurationSeconds(10));

  it('accepts a 10 s 9:16 MP4 as a reel and as a story without warnings', () => {
    expect(checkVideo(portrait, 'reel')).toEqual([]);
    expect(checkVideo(portrait, 'story')).toEqual([]);
  });

  it('refuses the real 2 s sample as a reel: too short, with both numbers', () => {
    const error = refusal(() =>
      checkVideo(readVideoFacts(SAMPLE_MP4), 'reel', 'video 1 of 1 (sample.mp4)'),
    );
    expect(error).toMatchObject({
      code: 'video_too_short',
      message:
        'video 1 of 1 (sample.mp4) is 2 s long; a reel must be 3 s to 15 min. Use a clip of at least 3 s.',
    });
  });

  it('refuses a reel rewritten to 15 min 1.5 s as too long, with the exact length', () => {
    const error = refusal(() => checkVideo(readVideoFacts(withDurationSeconds(901.5)), 'reel'));
    expect(error).toMatchObject({
      code: 'video_too_long',
      message:
        'the video is 15 min 1.5 s (901.5 s) long; a reel must be 3 s to 15 min. Trim it to at most 15 min.',
    });
  });

  it('shows the exact seconds when rounding would make a refused length look allowed', () => {
    expect(
      refusal(() => checkVideo({ ...portrait, durationSeconds: 2.9996 }, 'reel')).message,
    ).toMatch(/^the video is 2\.9996 s long;/);
  });

  it('accepts exactly 15 min as a reel but refuses 61 s as a story', () => {
    expect(() => checkVideo(readVideoFacts(withDurationSeconds(900)), 'reel')).not.toThrow();
    const error = refusal(() => checkVideo(readVideoFacts(withDurationSeconds(61)), 'story'));
    expect(error).toMatchObject({
      code: 'video_too_long',
      message:
        'the video is 1 min 1 s (61 s) long; a story video must be 3 s to 1 min. Trim it to at most 1 min.',
    });
  });

  it('refuses a story over 100 MB with the exact size', () => {
    const error = refusal(() => checkVideo({ ...portrait, sizeBytes: 100_000_001 }, 'story'));
    expect(error).toMatchObject({ code: 'video_too_large' });
    expect(error.message).toBe(
      'the video is 100 MB (100,000,001 bytes); Instagram accepts a story video of at most 100 MB. Export it at a lower bitrate or trim it.',
    );
  });

  it('refuses codecs other than H.264 and HEVC', () => {
    const error = refusal(() => checkVideo({ ...portrait, codec: 'mp4v' }, 'reel'));
    expect(error).toMatchObject({ code: 'unsupported_codec' });
    expect(error.message).toContain('"mp4v"; Instagram accepts H.264 or HEVC video only');
    expect(() => checkVideo({ ...portrait, codec: 'hvc1' }, 'reel')).not.toThrow();
  });

  it('refuses a story outside 0.1:1 – 10:1', () => {
    const error = refusal(() => checkVideo({ ...portrait, width: 50, height: 1000 }, 'story'));
    expect(error).toMatchObject({
      code: 'aspect_ratio',
      message:
        'the video is 50×1000, an aspect ratio of 0.050:1; a story video must be 0.1:1 to 10:1. Crop it.',
    });
  });

  it('only warns about a landscape reel, a wide file, a late index and an edit list', () => {
    const warnings = checkVideo(
      { ...portrait, width: 3840, height: 2160, moovFirst: false, editList: true },
      'reel',
      'clip.mov',
    );
    expect(warnings).toEqual([
      'clip.mov is 3840×2160 (1.78:1); Instagram shows a reel at 9:16, so it will be cropped or letterboxed.',
      "clip.mov is 3840 px wide; Instagram's video spec says at most 1920 px, so it may be scaled down or refused. Export it at 1920 px wide or less.",
      expect.stringContaining('clip.mov has its index (moov box) after the media data'),
      expect.stringContaining('clip.mov has an edit list'),
    ]);
  });

  it('warns that a 9:16 carousel video will be cropped to the feed frame', () => {
    expect(checkVideo(portrait, 'carousel_item')).toEqual([
      'the video is 360×640 (0.56:1); carousel posts are shown at 4:5 to 1.91:1, so Instagram will crop it.',
    ]);
  });
});
