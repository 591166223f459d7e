// No Node imports here: the admin UI imports this file for live counts while staff type.
import { PublishInputError } from './errors.ts';
import { CAPTION_LIMITS } from './limits.ts';

// As Instagram links them: letters (with their combining marks), digits and underscores in any
// script, at least one letter or underscore; a '#' inside a word ("C#") or an HTML entity
// ("&#39;") does not start one. The same rule as the gallery's hashtag filter.
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_]*[\p{L}_][\p{L}\p{M}\p{N}_]*)/gu;
const HASHTAG_BODY = /^[\p{L}\p{M}\p{N}_]*[\p{L}_][\p{L}\p{M}\p{N}_]*$/u;
// Instagram usernames are ASCII letters, digits, '.' and '_', and do not end with '.' (so
// "thanks @anna." mentions "anna"). An '@' right after such a character is an email address.
const MENTION = /(?<![\p{L}\p{M}\p{N}_.@])@([A-Za-z0-9_](?:[A-Za-z0-9._]*[A-Za-z0-9_])?)/gu;

export interface CaptionStats {
  /** Unicode code points (see {@link countCharacters}). */
  characters: number;
  /** Every occurrence counts, repeats included. */
  hashtags: number;
  /** Every `@username` occurrence counts, repeats included; email addresses do not. */
  mentions: number;
  /** Things Instagram allows but that may not do what the author expects. */
  warnings: string[];
}

/**
 * The caption as published: the text, a blank line, then the hashtags as `#tag #tag`.
 * Hashtags may be given with or without `#`; repeats (ignoring case) and tags the text already
 * has are dropped, the first spelling wins. Without hashtags the text is returned as it is.
 */
export function assembleCaption(text: string, hashtags: string[]): string {
  const seen = new Set(hashtagsIn(text).map(hashtagKey));
  const line: string[] = [];
  hashtags.forEach((raw, index) => {
    const tag = hashtagFromInput(raw, index);
    if (seen.has(hashtagKey(tag))) return;
    seen.add(hashtagKey(tag));
    line.push(`#${tag}`);
  });
  if (line.length === 0) return text;
  const body = text.trimEnd();
  return body === '' ? line.join(' ') : `${body}\n\n${line.join(' ')}`;
}

/**
 * Instagram's documents give the limit as "2200 characters" without saying how emoji count.
 * Code points are what a person counts as characters (an emoji like 🎉 is one; a flag or a
 * family emoji is several, and so is an accent typed as a combining mark). JavaScript string
 * length (UTF-16 units) would count 🎉 as two; when that reading alone goes over the limit,
 * {@link captionStats} warns.
 */
export function countCharacters(caption: string): number {
  let count = 0;
  for (const _ of caption) count++;
  return count;
}

export function captionStats(caption: string): CaptionStats {
  const characters = countCharacters(caption);
  const hashtags = hashtagsIn(caption).length;
  const warnings: string[] = [];
  if (hashtags > CAPTION_LIMITS.announcedHashtags) {
    warnings.push(
      `${hashtags} hashtags, more than ${CAPTION_LIMITS.announcedHashtags}: Instagram announced a limit of ${CAPTION_LIMITS.announcedHashtags} per post in late 2025; the API still allows ${CAPTION_LIMITS.maxHashtags}.`,
    );
  }
  if (characters <= CAPTION_LIMITS.maxCharacters && caption.length > CAPTION_LIMITS.maxCharacters) {
    warnings.push(
      `${number(characters)} characters, but ${number(caption.length)} if each emoji counts twice; Instagram does not document which it counts, so a shorter caption is safer.`,
    );
  }
  return { characters, hashtags, mentions: [...caption.matchAll(MENTION)].length, warnings };
}

/** Refuses a caption Instagram would refuse (36004/2207010); returns the warnings otherwise. */
export function checkCaption(caption: string): string[] {
  const stats = captionStats(caption);
  const { maxCharacters, maxHashtags, maxMentions } = CAPTION_LIMITS;
  if (stats.characters > maxCharacters) {
    const over = stats.characters - maxCharacters;
    throw refusal(
      'caption_too_long',
      `the caption is ${number(stats.characters)} characters; Instagram accepts at most ${number(maxCharacters)}. Shorten it by ${plural(over, 'character')}.`,
    );
  }
  if (stats.hashtags > maxHashtags) {
    throw refusal(
      'too_many_hashtags',
      `the caption has ${stats.hashtags} hashtags; Instagram accepts at most ${maxHashtags}. Remove ${stats.hashtags - maxHashtags}.`,
    );
  }
  if (stats.mentions > maxMentions) {
    throw refusal(
      'too_many_mentions',
      `the caption has ${stats.mentions} @mentions; Instagram accepts at most ${maxMentions}. Remove ${stats.mentions - maxMentions}.`,
    );
  }
  return stats.warnings;
}

/** Hashtags in order of appearance, without `#`, repeats included. */
export function hashtagsIn(text: string): string[] {
  return [...text.matchAll(HASHTAG)].flatMap((match) => match[1] ?? []);
}

/** Mentioned usernames in order of appearance, without `@`, repeats included. */
export function mentionsIn(text: string): string[] {
  return [...text.matchAll(MENTION)].flatMap((match) => match[1] ?? []);
}

function hashtagFromInput(raw: string, index: number): string {
  const tag = raw.trim().replace(/^#+/, '');
  if (HASHTAG_BODY.test(tag)) return tag;
  throw new PublishInputError(
    'invalid_hashtag',
    `hashtags[${index}] ${JSON.stringify(raw)} is not a hashtag Instagram would link: use letters, digits and underscores only (no spaces or punctuation), with at least one letter.`,
    { field: `hashtags[${index}]` },
  );
}

function hashtagKey(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}

function refusal(
  code: 'caption_too_long' | 'too_many_hashtags' | 'too_many_mentions',
  message: string,
): PublishInputError {
  return new PublishInputError(code, message, { field: 'caption' });
}

function number(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(count: number, noun: string): string {
  return `${number(count)} ${noun}${count === 1 ? '' : 's'}`;
}
