import { describe, expect, it } from 'vitest';
import { hashtagsOf, normalizeHashtag } from '../../integration/events/hashtags.ts';

describe('hashtagsOf', () => {
  it('returns nothing for a missing or empty caption', () => {
    expect(hashtagsOf(undefined)).toEqual([]);
    expect(hashtagsOf('')).toEqual([]);
    expect(hashtagsOf('No tags here.')).toEqual([]);
  });

  it('returns the hashtags lower-cased, without "#", in order of first appearance', () => {
    expect(hashtagsOf('Doors open! #SummerFest #Berlin #live')).toEqual([
      'summerfest',
      'berlin',
      'live',
    ]);
  });

  it('lists a hashtag once however it is capitalised', () => {
    expect(hashtagsOf('#SummerFest and again #summerfest and #SUMMERFEST #Berlin')).toEqual([
      'summerfest',
      'berlin',
    ]);
  });

  it('reads hashtags in any script', () => {
    expect(hashtagsOf('#東京 #Café #Straße #Москва')).toEqual(['東京', 'café', 'straße', 'москва']);
  });

  it('keeps whole hashtags in scripts with combining marks (Devanagari)', () => {
    expect(hashtagsOf('धन्यवाद #नमस्ते')).toEqual(['नमस्ते']);
  });

  it('keeps whole hashtags written with a combining accent (decomposed é)', () => {
    expect(hashtagsOf('#cafe\u0301 time')).toEqual(['cafe\u0301']);
  });

  it('accepts digits and underscores but needs at least one letter or underscore', () => {
    expect(hashtagsOf('#2026 #2026fest #fest2026 #under_score #_')).toEqual([
      '2026fest',
      'fest2026',
      'under_score',
      '_',
    ]);
  });

  it('does not count a "#" inside a word or an HTML entity', () => {
    expect(hashtagsOf('I write C# and F#, see issue#12 or &#39;quoted&#39;')).toEqual([]);
  });

  it('ends a hashtag at punctuation and emoji', () => {
    expect(hashtagsOf('Great night (#afterparty), #tanzen! #sunrise🌅 #a-b')).toEqual([
      'afterparty',
      'tanzen',
      'sunrise',
      'a',
    ]);
  });

  it('finds hashtags at the start of a line', () => {
    expect(hashtagsOf('Line one\n#first\n#second')).toEqual(['first', 'second']);
  });
});

describe('normalizeHashtag', () => {
  it('strips one leading "#", surrounding spaces and case', () => {
    expect(normalizeHashtag('#SummerFest')).toBe('summerfest');
    expect(normalizeHashtag('  #Berlin ')).toBe('berlin');
    expect(normalizeHashtag('Live')).toBe('live');
  });

  it('turns a blank entry into an empty string', () => {
    expect(normalizeHashtag('  ')).toBe('');
    expect(normalizeHashtag('#')).toBe('');
  });
});
