// Instagram hashtags are letters (with their combining marks), digits and underscores in any
// script; a '#' inside a word (e.g. "C#") does not start one.
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_]*[\p{L}_][\p{L}\p{M}\p{N}_]*)/gu;

/** Hashtags of a caption, lower-cased, without '#', in order of first appearance. */
export function hashtagsOf(caption: string | undefined): string[] {
  if (!caption) return [];
  const seen = new Set<string>();
  for (const [, tag] of caption.matchAll(HASHTAG))
    if (tag) seen.add(tag.toLocaleLowerCase('en-US'));
  return [...seen];
}

/** Normalises a configured hashtag filter entry: "#SummerFest" → "summerfest". */
export function normalizeHashtag(tag: string): string {
  return tag.trim().replace(/^#/, '').toLocaleLowerCase('en-US');
}
