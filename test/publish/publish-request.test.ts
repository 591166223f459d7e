import { describe, expect, it } from 'vitest';
import { checkItemKinds, checkPublishRequest } from '../../integration/publish/prepare/index.ts';
import { refusal } from './refusal.ts';

const photo = (name: string) => ({ source: { type: 'guest', eventId: '2026-04-29', name } });
const request = (overrides: Record<string, unknown> = {}) => ({
  account: '17841405822304914',
  kind: 'carousel',
  items: [
    photo('a.jpg'),
    { source: { type: 'instagram', mediaId: '17918920912340654' }, altText: 'The stage at dusk' },
  ],
  caption: 'What a night',
  hashtags: ['summerfest'],
  idempotencyKey: '7d3c1c8e-2f0b-4c55-9a57-0e4f7d2f1a10',
  ...overrides,
});

describe('a publish request', () => {
  it('accepts a carousel, assembles its caption and defaults fit to "refuse"', () => {
    const checked = checkPublishRequest(request());
    expect(checked.caption).toBe('What a night\n\n#summerfest');
    expect(checked.request.fit).toBe('refuse');
    expect(checked.warnings).toEqual([]);
  });

  it('refuses a carousel of 11 items, naming the field and both numbers', () => {
    const items = Array.from({ length: 11 }, (_, i) => photo(`${i}.jpg`));
    expect(refusal(() => checkPublishRequest(request({ items })))).toMatchObject({
      code: 'carousel_size',
      field: 'items',
      message: 'items has 11 entries; a carousel takes 2 to 10 photos or videos. Remove 1.',
    });
  });

  it('refuses a carousel of 1 item', () => {
    expect(refusal(() => checkPublishRequest(request({ items: [photo('a.jpg')] })))).toMatchObject({
      code: 'carousel_size',
      field: 'items',
      message:
        'items has 1 entry; a carousel takes 2 to 10 photos or videos. Add 1 more, or publish a single photo as kind "image".',
    });
  });

  it('refuses two items for a single image post', () => {
    expect(refusal(() => checkPublishRequest(request({ kind: 'image' })))).toMatchObject({
      code: 'item_count',
      field: 'items',
    });
  });

  it('refuses alt text on a reel, naming the item', () => {
    const reel = request({
      kind: 'reel',
      items: [{ source: { type: 'upload', uploadId: 'up_123' }, altText: 'Dancing' }],
    });
    expect(refusal(() => checkPublishRequest(reel))).toMatchObject({
      code: 'alt_text_not_allowed',
      field: 'items[0].altText',
      message:
        'items[0].altText is set on a reel; Instagram takes alt text on image posts and carousel photos only. Remove it.',
    });
  });

  it('refuses alt text over 1,000 characters', () => {
    const items = [photo('a.jpg'), { ...photo('b.jpg'), altText: 'x'.repeat(1001) }];
    expect(refusal(() => checkPublishRequest(request({ items })))).toMatchObject({
      code: 'alt_text_too_long',
      field: 'items[1].altText',
      message: expect.stringContaining('is 1,001 characters; Instagram accepts at most 1,000'),
    });
  });

  it('refuses a caption on a story', () => {
    const story = request({ kind: 'story', items: [photo('a.jpg')], hashtags: undefined });
    expect(refusal(() => checkPublishRequest(story))).toMatchObject({
      code: 'caption_not_allowed',
      field: 'caption',
    });
    expect(checkPublishRequest({ ...story, caption: undefined }).caption).toBe('');
  });

  it('refuses a bad idempotency key, saying what a good one looks like', () => {
    for (const idempotencyKey of ['short', 'has spaces in it', 'x'.repeat(129)]) {
      const error = refusal(() => checkPublishRequest(request({ idempotencyKey })));
      expect(error).toMatchObject({ code: 'invalid_request', field: 'idempotencyKey' });
      expect(error.message).toBe(
        'idempotencyKey must be 8 to 128 letters, digits, "_" or "-" (a UUID will do), the same for every retry of one publish.',
      );
    }
  });

  it('names the path of a bad nested field', () => {
    const items = [
      photo('a.jpg'),
      photo('b.jpg'),
      photo('c.jpg'),
      { source: { type: 'guest', eventId: '2026-04-29', name: '../secrets.txt' } },
    ];
    expect(refusal(() => checkPublishRequest(request({ items })))).toMatchObject({
      field: 'items[3].source.name',
      message:
        'items[3].source.name must be the file name of an approved guest photo, without "/" or "\\".',
    });
  });

  it('refuses something that is not an object at all', () => {
    expect(refusal(() => checkPublishRequest(null))).toMatchObject({
      code: 'invalid_request',
      message: 'the request must be an object.',
    });
  });

  it('names a missing field, an unknown source type and a misspelt field', () => {
    const { account: _, ...noAccount } = request();
    expect(refusal(() => checkPublishRequest(noAccount)).message).toBe('account is missing.');
    const unknownSource = request({ items: [photo('a.jpg'), { source: { type: 'dropbox' } }] });
    expect(refusal(() => checkPublishRequest(unknownSource))).toMatchObject({
      field: 'items[1].source.type',
      message: 'items[1].source.type must be one of "guest", "instagram", "upload".',
    });
    const misspelt = request({ items: [photo('a.jpg'), { ...photo('b.jpg'), alt_text: 'x' }] });
    expect(refusal(() => checkPublishRequest(misspelt))).toMatchObject({
      field: 'items[1].alt_text',
      message: 'unknown field items[1].alt_text; remove or correct it.',
    });
  });

  it('refuses a caption over the limits after adding the hashtags', () => {
    const hashtags = Array.from({ length: 31 }, (_, i) => `tag${i}`);
    expect(refusal(() => checkPublishRequest(request({ hashtags })))).toMatchObject({
      code: 'too_many_hashtags',
      field: 'caption',
    });
  });
});

describe('item media types', () => {
  it('accepts photos and videos mixed in a carousel', () => {
    expect(() => checkItemKinds('carousel', ['image', 'video', 'image'])).not.toThrow();
  });

  it('refuses a video as a single image post and a photo as a reel', () => {
    expect(refusal(() => checkItemKinds('image', ['video']))).toMatchObject({
      code: 'item_media_type',
      field: 'items[0]',
      message: 'items[0] is a video; kind "image" takes a photo. Publish it as kind "reel".',
    });
    expect(refusal(() => checkItemKinds('reel', ['image']))).toMatchObject({
      code: 'item_media_type',
      message: expect.stringContaining('Publish it as kind "image"'),
    });
  });

  it('accepts a photo or a video as a story', () => {
    expect(() => checkItemKinds('story', ['image'])).not.toThrow();
    expect(() => checkItemKinds('story', ['video'])).not.toThrow();
  });

  it('refuses alt text on a carousel video but not on its photos', () => {
    expect(() =>
      checkItemKinds('carousel', ['image', 'video'], ['A stage', undefined]),
    ).not.toThrow();
    expect(
      refusal(() => checkItemKinds('carousel', ['image', 'video'], ['A stage', 'A dance'])),
    ).toMatchObject({ code: 'alt_text_not_allowed', field: 'items[1].altText' });
  });

  it('checks the item count again with the resolved items', () => {
    expect(refusal(() => checkItemKinds('carousel', Array(11).fill('image')))).toMatchObject({
      code: 'carousel_size',
    });
  });
});
