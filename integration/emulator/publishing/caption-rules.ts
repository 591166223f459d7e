// Caption limits of POST /{ig-user-id}/media (Meta's IG User Media reference): 2200 characters,
// 30 hashtags, 20 @-mentions. Instagram the app cut hashtags to 5 in late 2025; the API docs still say 30.
export const CAPTION_LIMITS = { characters: 2200, hashtags: 30, mentions: 20 } as const;

const HASHTAG = /(?:^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
// An @ inside a word (an e-mail address) is not a mention.
const MENTION = /(?:^|[^\p{L}\p{N}_.])@[A-Za-z0-9._]+/gu;

/** What is wrong with a caption, as a user message; undefined when it is within the limits. */
export function captionProblem(caption: string): string | undefined {
  const characters = [...caption].length;
  if (characters > CAPTION_LIMITS.characters) {
    return `The caption has ${characters} characters; at most ${CAPTION_LIMITS.characters} are allowed.`;
  }
  const hashtags = caption.match(HASHTAG)?.length ?? 0;
  if (hashtags > CAPTION_LIMITS.hashtags)
    return `The caption has ${hashtags} hashtags; at most ${CAPTION_LIMITS.hashtags} are allowed.`;
  const mentions = caption.match(MENTION)?.length ?? 0;
  if (mentions > CAPTION_LIMITS.mentions) {
    return `The caption mentions ${mentions} accounts; at most ${CAPTION_LIMITS.mentions} are allowed.`;
  }
  return undefined;
}
