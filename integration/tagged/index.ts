export { candidateEvent } from './candidate-event.ts';
export { changesGallery, reviewCandidates, type CandidateAction } from './candidate-review.ts';
export { graphMediaReader } from './graph-media-reader.ts';
export type { GuestMedia, GuestMediaReader, TaggedMediaSource } from './guest-media.ts';
export { mentionNoticeOf, mentions, type MentionNotice } from './mention-notice.ts';
export { TaggedIntake, type TaggedIntakeDeps } from './tagged-intake.ts';
