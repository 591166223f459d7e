import { describe, expect, it } from 'vitest';
import { unpublishableReason } from '../../integration/publish/prepare/publishable.ts';

describe('what the publish picker offers (unpublishableReason)', () => {
  it('offers photos, and videos of 3 s or more, for every kind', () => {
    for (const kind of ['image', 'carousel', 'reel', 'story']) {
      expect(unpublishableReason({ mediaType: 'image' }, kind)).toBeUndefined();
      expect(unpublishableReason({ mediaType: 'video', durationSeconds: 3 }, kind)).toBeUndefined();
      expect(unpublishableReason({ mediaType: 'video', durationSeconds: 4 }, kind)).toBeUndefined();
    }
  });

  it('marks a video shorter than 3 s, with its length and the minimum', () => {
    for (const kind of ['image', 'carousel', 'reel', 'story'])
      expect(unpublishableReason({ mediaType: 'video', durationSeconds: 2 }, kind)).toBe(
        'Too short: 2 s; Instagram takes videos of 3 s or more.',
      );
    expect(unpublishableReason({ mediaType: 'video', durationSeconds: 2.999 }, 'reel')).toContain(
      'Too short: 2.999 s',
    );
  });

  it('marks an item Instagram gives no file for (copyright-blocked), photo or video', () => {
    const reason =
      'Blocked: Instagram withholds this file (copyrighted material), so it cannot be copied.';
    expect(unpublishableReason({ mediaType: 'video', noFile: true }, 'reel')).toBe(reason);
    expect(unpublishableReason({ mediaType: 'image', noFile: true }, 'image')).toBe(reason);
    // Blocked wins over a length that would be fine.
    expect(
      unpublishableReason({ mediaType: 'video', noFile: true, durationSeconds: 10 }, 'reel'),
    ).toBe(reason);
  });

  it('marks a video too long for the kind: 90 s is a reel, not a story or carousel video', () => {
    const video = { mediaType: 'video', durationSeconds: 90 } as const;
    expect(unpublishableReason(video, 'reel')).toBeUndefined();
    expect(unpublishableReason(video, 'story')).toBe(
      'Too long: 1 min 30 s; a story video may last 1 min at most.',
    );
    expect(unpublishableReason(video, 'carousel')).toBe(
      'Too long: 1 min 30 s; a carousel video may last 1 min at most.',
    );
    expect(unpublishableReason({ mediaType: 'video', durationSeconds: 901 }, 'reel')).toContain(
      'a reel may last 15 min at most',
    );
  });

  it('offers a video whose length is unknown (checked when it is published)', () => {
    expect(unpublishableReason({ mediaType: 'video' }, 'reel')).toBeUndefined();
  });
});
