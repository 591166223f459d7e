import { GraphError } from '../graph/index.ts';
import type { JobError } from './job.ts';

/** What a failed step calls for (graph-api.md §5.8, the publishing error table). */
export type Recovery = 'retry' | 'new_container' | 'give_up';

const RETRY_SUBCODES = new Set([2207003, 2207001, 2207027, 2207008]);
const NEW_CONTAINER_SUBCODES = new Set([2207020, 2207032, 2207053, 2207006]);

export function recoveryFor(error: unknown): Recovery {
  if (!(error instanceof GraphError)) return 'retry';
  if (error.subcode !== undefined && NEW_CONTAINER_SUBCODES.has(error.subcode))
    return 'new_container';
  if (error.subcode !== undefined && RETRY_SUBCODES.has(error.subcode)) return 'retry';
  if (error.code === 9 || error.category === 'auth' || error.category === 'permission')
    return 'give_up';
  return error.category === 'transient' || error.category === 'rate_limit' ? 'retry' : 'give_up';
}

const REMEDIES: Record<number, string> = {
  2207042:
    'The account reached its limit of API posts for 24 hours; publish again after the window.',
  2207028: 'A carousel needs 2 to 10 photos or videos.',
  2207004: 'Use an image under 8 MiB.',
  2207005: 'Use a JPEG image.',
  2207009: 'Crop or pad the image to an aspect ratio between 4:5 and 1.91:1.',
  2207010: 'Shorten the caption: at most 2,200 characters, 30 hashtags and 20 mentions.',
  2207052:
    'Instagram could not fetch the media: check that PUBLIC_BASE_URL is reachable from the internet and the file is a JPEG or MP4.',
  2207026: 'Use an MP4 or MOV video (H.264 or HEVC).',
  2207050: 'The Instagram account is restricted: open the Instagram app and resolve it.',
  2207051: 'Instagram suspects spam: wait before publishing again.',
};

/** A guest photo of a running job is no longer approved (or is gone): the job stops before Instagram gets it. */
export class GuestPhotoNotApprovedError extends Error {
  override name = 'GuestPhotoNotApprovedError';
  readonly photo: string;

  constructor(eventId: string, name: string, status: string) {
    const photo = `${eventId}/${name}`;
    super(
      status === 'missing'
        ? `Guest photo ${photo} is no longer there; nothing was posted.`
        : `Guest photo ${photo} is ${status}, no longer approved; nothing was posted.`,
    );
    this.photo = photo;
  }
}

/** The job a new request would repeat: the same composition, published or under way. */
export interface RepeatedJob {
  jobId: string;
  status: 'queued' | 'running' | 'published';
  /** ISO: when it was published, else when it was created. */
  at: string;
  permalink?: string;
}

/**
 * The same post (see `compositionOf`) was published, or is being published, in the last 24 hours
 * and the request did not say `confirmRepeat: true`: asking prevents a double post.
 */
export class RepeatPublishError extends Error {
  override name = 'RepeatPublishError';
  readonly previous: RepeatedJob;

  constructor(previous: RepeatedJob) {
    const when = `${previous.at.slice(11, 16)} UTC on ${previous.at.slice(0, 10)}`;
    super(
      previous.status === 'published'
        ? `This post was already published at ${when} (job ${previous.jobId}). To publish it again, send the request with confirmRepeat: true.`
        : `This post is being published since ${when} (job ${previous.jobId}). To publish it a second time, send the request with confirmRepeat: true.`,
    );
    this.previous = previous;
  }
}

/** The job's readable error: Graph's code, subcode and user message, and what to do. */
export function jobError(error: unknown, step: string): JobError {
  if (error instanceof GuestPhotoNotApprovedError) {
    return {
      message: error.message,
      remedy: `Approve ${error.photo} in /admin/moderation and retry the job, or publish without it.`,
    };
  }
  if (error instanceof GraphError) {
    const remedy =
      (error.subcode !== undefined && REMEDIES[error.subcode]) ||
      (error.category === 'auth'
        ? 'The token is no longer valid: reconnect the account in /admin.'
        : undefined) ||
      (error.category === 'permission'
        ? 'Reconnect the account granting instagram_business_content_publish.'
        : undefined) ||
      'Retry the job; if it fails again, check the message.';
    return {
      ...(error.code !== undefined && { code: error.code }),
      ...(error.subcode !== undefined && { subcode: error.subcode }),
      message: `${step}: ${error.message}`,
      ...(error.userMessage && { userMessage: error.userMessage }),
      remedy,
    };
  }
  return {
    message: `${step}: ${error instanceof Error ? error.message : String(error)}`,
    remedy: 'Retry the job.',
  };
}
