export { PublishInputError, type PublishInputErrorCode } from './errors.ts';
export { prepareImage, type PrepareImageOptions, type PreparedImage } from './prepare-image.ts';
export {
  planImageFrame,
  formatAspectRatio,
  type ImageFit,
  type ImageFrame,
  type ImageFrameOptions,
  type ImageTarget,
} from './image-frame.ts';
export { encodeJpegWithin, JPEG_QUALITIES, type EncodedJpeg } from './jpeg-encoding.ts';
export {
  IMAGE_LIMITS,
  VIDEO_LIMITS,
  CAPTION_LIMITS,
  ALT_TEXT_MAX_CHARACTERS,
  CAROUSEL_ITEMS,
  STORY_ASPECT_RATIO,
  type VideoKind,
} from './limits.ts';
export { readVideoFacts, type VideoFacts } from './video-facts.ts';
export { checkVideo } from './check-video.ts';
export {
  assembleCaption,
  captionStats,
  checkCaption,
  countCharacters,
  hashtagsIn,
  mentionsIn,
  type CaptionStats,
} from './caption.ts';
export {
  publishRequestSchema,
  checkPublishRequest,
  checkItemKinds,
  type PublishRequest,
  type PublishRequestInput,
  type ItemMediaType,
  type CheckedPublishRequest,
} from './publish-request.ts';
