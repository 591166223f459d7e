/**
 * Stable machine codes of {@link PublishInputError}, one per rule that refused the input.
 * The admin UI and API clients switch on these; the message is for people.
 */
export type PublishInputErrorCode =
  | 'invalid_request'
  | 'item_count'
  | 'carousel_size'
  | 'item_media_type'
  | 'alt_text_not_allowed'
  | 'alt_text_too_long'
  | 'caption_not_allowed'
  | 'caption_too_long'
  | 'too_many_hashtags'
  | 'too_many_mentions'
  | 'invalid_hashtag'
  | 'unsupported_format'
  | 'aspect_ratio'
  | 'image_too_large'
  | 'video_too_short'
  | 'video_too_long'
  | 'video_too_large'
  | 'unsupported_codec'
  | 'upload_too_large'
  | 'upload_not_found'
  | 'guest_photo_not_approved'
  | 'media_unavailable'
  | 'publish_permission_missing'
  | 'private_event';

/**
 * Input that Instagram would refuse, found before any Graph call: nothing has been posted.
 * The message says what is wrong, with the exact numbers, and what to do.
 */
export class PublishInputError extends Error {
  /** Recognises the error by its shape: `instanceof` fails across two copies of this module. */
  static is(error: unknown): error is PublishInputError {
    return (
      error instanceof Error &&
      error.name === 'PublishInputError' &&
      typeof (error as PublishInputError).code === 'string'
    );
  }

  readonly code: PublishInputErrorCode;
  /** The request field at fault, as a path like `items[3].altText`, when there is one. */
  readonly field?: string;
  /**
   * The HTTP status to answer: 400, 403 when the account may not publish (its token lacks the
   * permission), or 409 when the input is fine but the state refuses it.
   */
  readonly status: 400 | 403 | 409;

  constructor(
    code: PublishInputErrorCode,
    message: string,
    options: { field?: string; cause?: unknown; status?: 400 | 403 | 409 } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PublishInputError';
    this.code = code;
    this.status = options.status ?? 400;
    if (options.field !== undefined) this.field = options.field;
  }
}
