export { candidateEvent } from './candidate-event.ts';
export { changesGallery, reviewCandidates, type CandidateAction } from './candidate-review.ts';
export { graphMediaReader } from './graph-media-reader.ts';
export { graphTagsSource } from './graph-tags-source.ts';
export type { GuestMedia, GuestMediaReader, TaggedMediaSource } from './guest-media.ts';
export { mentionedMediaReader, readerPerFlavour } from './mentioned-media-reader.ts';
export { mentionNoticeOf, mentions, type MentionNotice } from './mention-notice.ts';
export { pollTaggedPosts, type TagsPollDeps } from './tags-poll.ts';
export { TaggedIntake, type TaggedIntakeDeps } from './tagged-intake.ts';
