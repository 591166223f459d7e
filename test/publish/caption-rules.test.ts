import { describe, expect, it } from 'vitest';
import {
  assembleCaption,
  captionStats,
  checkCaption,
} from '../../integration/publish/prepare/index.ts';
import { refusal } from './refusal.ts';

describe('assembling a caption', () => {
  it('puts the hashtags on their own line after a blank line', () => {
    expect(assembleCaption('What a night!', ['summerfest', '#Berlin'])).toBe(
      'What a night!\n\n#summerfest #Berlin',
    );
  });

  it('drops repeated hashtags ignoring case, keeping the first spelling', () => {
    expect(assembleCaption('Doors at 8', ['SummerFest', '#summerfest', 'SUMMERFEST', 'live'])).toBe(
      'Doors at 8\n\n#SummerFest #live',
    );
  });

  it('does not repeat hashtags the text already has', () => {
    expect(assembleCaption('Thanks #SummerFest crew', ['summerfest', 'berlin'])).toBe(
      'Thanks #SummerFest crew\n\n#berlin',
    );
  });

  it('adds no blank line or tag line without hashtags, or when all are already in the text', () => {
    expect(assembleCaption('Just text', [])).toBe('Just text');
    expect(assembleCaption('All here #a #b', ['A', '#b'])).toBe('All here #a #b');
  });

  it('treats composed and decomposed accents as the same hashtag', () => {
    expect(assembleCaption('#café', ['cafe\u0301', 'Straße'])).toBe('#café\n\n#Straße');
  });

  it('gives only the tag line for an empty text, and trims trailing blank lines before it', () => {
    expect(assembleCaption('', ['a'])).toBe('#a');
    expect(assembleCaption('Hello\n\n', ['a'])).toBe('Hello\n\n#a');
  });

  it('refuses a hashtag Instagram would cut short, naming its position', () => {
    const error = refusal(() => assembleCaption('x', ['ok', 'summer fest']));
    expect(error).toMatchObject({ code: 'invalid_hashtag', field: 'hashtags[1]' });
    expect(error.message).toContain(
      'hashtags[1] "summer fest" is not a hashtag Instagram would link',
    );
    expect(refusal(() => assembleCaption('x', ['#'])).field).toBe('hashtags[0]');
    expect(refusal(() => assembleCaption('x', ['2026'])).code).toBe('invalid_hashtag');
  });
});

describe('counting what Instagram counts', () => {
  it('counts an emoji as one character', () => {
    expect(captionStats('Party 🎉🎉').characters).toBe(8);
  });

  it('counts a combining accent as its own character', () => {
    expect(captionStats('cafe\u0301').characters).toBe(5);
    expect(captionStats('café').characters).toBe(4);
  });

  it('counts hashtags in any script, not a "#" inside a word', () => {
    expect(captionStats('#東京 #नमस्ते #cafe\u0301 C# issue#12 &#39; #2026').hashtags).toBe(3);
  });

  it('counts mentions but not email addresses', () => {
    const stats = captionStats('Thanks @anna.b and @DJ_Max! Mail hello@example.com or (@venue).');
    expect(stats.mentions).toBe(3);
  });

  it('counts each occurrence of a repeated hashtag or mention', () => {
    expect(captionStats('#a #A @x @x')).toMatchObject({ hashtags: 2, mentions: 2 });
  });
});

describe('checking a caption against the limits', () => {
  it('accepts 2,200 characters and refuses 2,201 with both numbers', () => {
    expect(checkCaption('a'.repeat(2200))).toEqual([]);
    const error = refusal(() => checkCaption('a'.repeat(2201)));
    expect(error).toMatchObject({
      code: 'caption_too_long',
      field: 'caption',
      message:
        'the caption is 2,201 characters; Instagram accepts at most 2,200. Shorten it by 1 character.',
    });
  });

  it('accepts 2,200 emoji but warns that counting UTF-16 units would make it 4,400', () => {
    const warnings = checkCaption('🎉'.repeat(2200));
    expect(warnings).toEqual([
      expect.stringContaining('2,200 characters, but 4,400 if each emoji counts twice'),
    ]);
  });

  it('refuses 31 hashtags', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    expect(refusal(() => checkCaption(tags))).toMatchObject({
      code: 'too_many_hashtags',
      message: 'the caption has 31 hashtags; Instagram accepts at most 30. Remove 1.',
    });
  });

  it('refuses 21 mentions', () => {
    const mentions = Array.from({ length: 21 }, (_, i) => `@guest${i}`).join(' ');
    expect(refusal(() => checkCaption(mentions))).toMatchObject({
      code: 'too_many_mentions',
      message: 'the caption has 21 @mentions; Instagram accepts at most 20. Remove 1.',
    });
    expect(() => checkCaption(mentions.replace(/ @guest20$/, ''))).not.toThrow();
  });

  it('warns about more than 5 hashtags, but not about 5', () => {
    expect(checkCaption('#a #b #c #d #e')).toEqual([]);
    expect(checkCaption('#a #b #c #d #e #f')).toEqual([
      '6 hashtags, more than 5: Instagram announced a limit of 5 per post in late 2025; the API still allows 30.',
    ]);
  });
});
