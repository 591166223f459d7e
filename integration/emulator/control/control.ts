import type { EmulatorClock } from '../core/clock.ts';
import { ControlInputError } from './control-input.ts';
import type { RequestCounter, RequestCounts } from './counters.ts';
import type { ActiveFault, FaultQueue, FaultSpec } from './faults.ts';
import {
  OAUTH_RESPONSE_SHAPES,
  type OAuthResponseShape,
  type OAuthState,
} from '../oauth/oauth-state.ts';
import { resetPublishing } from '../publishing/publish.ts';
import {
  changePublishingSettings,
  containerSummaries,
  publishedMedia,
  type ContainerSummary,
  type PublishedMediaSummary,
} from './publishing-control.ts';
import type {
  ImageFailures,
  PublishingSettings,
  PublishingState,
} from '../publishing/publishing-state.ts';
import type { TokenRevocation } from '../seed/seed.ts';
import type { Store } from '../core/store.ts';
import { issueToken, revokeToken, type IssueTokenSpec } from './token-control.ts';
import { resetTokens } from '../oauth/tokens.ts';
import type { UsageMeter } from '../http/usage.ts';
import {
  sendWebhook,
  type WebhookDeliveryResult,
  type WebhookDeliverySpec,
} from '../webhooks/webhook-sender.ts';
import {
  addGuestPost,
  mentionDelivery,
  resetGuestPosts,
  type GuestPostSpec,
  type GuestPostSummary,
  type MentionWebhookSpec,
} from '../guests/guest-posts.ts';

/** What tests drive in-process; `/__control/*` exposes the same over HTTP. */
export interface EmulatorControl {
  /** Queue a fault; faults match in insertion order. Throws FaultSpecError on a bad spec. */
  addFault(fault: FaultSpec): ActiveFault;
  clearFaults(): void;
  /** Faults still queued. */
  faults(): ActiveFault[];
  /** Requests per route key since start or the last reset (control requests excluded). */
  counts(): RequestCounts;
  /**
   * Clears faults, counters, the clock offset and the usage window; puts the OAuth state back as
   * started: no pending codes, `observed` response shape, only the seeded tokens, none revoked but as seeded;
   * and publishing too: no containers, no published posts, the settings as the options gave them;
   * and no guest posts.
   */
  reset(): void;
  /** Moves the emulator clock: token expiry, CDN link expiry and the usage window follow it. */
  advanceClock(seconds: number): void;
  /** The emulator clock, in ms. */
  now(): number;
  /** How `POST /oauth/access_token` answers: `observed` (default) or `doc`. Throws ControlInputError otherwise. */
  setOAuthResponseShape(shape: OAuthResponseShape): void;
  oauthResponseShape(): OAuthResponseShape;
  /** A new `IGAA…` token for an account, usable on every route; throws ControlInputError on a bad spec. */
  issueToken(spec: IssueTokenSpec): string;
  /** From now on the token answers 190/460 (`password_changed`) or 190/467 (`invalid`). */
  revokeToken(token: string, reason: TokenRevocation): void;
  /** Posts made through `media_publish`, in publish order; only one account's with its IG user id. */
  publishedMedia(userId?: string): PublishedMediaSummary[];
  /** Every content publishing container, oldest first, with its status now. */
  containers(): ContainerSummary[];
  /** How long video containers created from now on stay IN_PROGRESS (emulator clock). Throws ControlInputError below 0. */
  setVideoProcessingMs(ms: number): void;
  /** `reject`: a bad image fails `POST /{ig-user-id}/media` (default); `status`: its container ends in ERROR. */
  setImageFailures(mode: ImageFailures): void;
  publishingSettings(): PublishingSettings;
  /**
   * POSTs one delivery (all `entries` batched) to `callbackUrl`, signed with the seed app's
   * secret, retrying non-2xx answers with backoff; `copies` > 1 sends duplicates.
   */
  sendWebhook(spec: WebhookDeliverySpec): Promise<WebhookDeliveryResult>;
  /**
   * A post by a guest (no seeded account) that tags and/or @mentions seeded accounts: listed by
   * their `/tags`, read by their `mentioned_media` (graph.facebook.com). Throws ControlInputError.
   */
  addGuestPost(spec: GuestPostSpec): GuestPostSummary;
  /** Sends the `mentions` notification of a guest post, as `sendWebhook` sends any delivery. */
  sendMentionWebhook(spec: MentionWebhookSpec): Promise<WebhookDeliveryResult>;
}

export interface ControlDeps {
  faults: FaultQueue;
  counter: RequestCounter;
  clock: EmulatorClock;
  usage: UsageMeter;
  store: Store;
  oauth: OAuthState;
  publishing: PublishingState;
}

export function createControl(deps: ControlDeps): EmulatorControl {
  return {
    addFault: (fault) => deps.faults.add(fault),
    clearFaults: () => deps.faults.clear(),
    faults: () => deps.faults.list(),
    counts: () => deps.counter.snapshot(),
    reset() {
      deps.faults.clear();
      deps.counter.reset();
      deps.clock.reset();
      deps.usage.reset();
      deps.oauth.reset();
      resetTokens(deps.store);
      resetPublishing(deps.store, deps.publishing);
      resetGuestPosts(deps.store);
    },
    advanceClock: (seconds) => deps.clock.advance(seconds),
    now: () => deps.clock.now(),
    setOAuthResponseShape(shape) {
      if (!OAUTH_RESPONSE_SHAPES.includes(shape))
        throw new ControlInputError('responseShape must be "observed" or "doc"');
      deps.oauth.responseShape = shape;
    },
    oauthResponseShape: () => deps.oauth.responseShape,
    issueToken: (spec) => issueToken(deps.store, spec, deps.clock.now()),
    revokeToken: (token, reason) => revokeToken(deps.store, token, reason),
    publishedMedia: (userId) => publishedMedia(deps.publishing, userId),
    containers: () => containerSummaries(deps.store, deps.clock.now()),
    setVideoProcessingMs: (ms) =>
      changePublishingSettings(deps.publishing, { videoProcessingMs: ms }),
    setImageFailures: (mode) => changePublishingSettings(deps.publishing, { imageFailures: mode }),
    publishingSettings: () => ({ ...deps.publishing.settings }),
    sendWebhook: (spec) => sendWebhook(deps.store, spec, deps.clock.now()),
    addGuestPost: (spec) => addGuestPost(deps.store, spec, deps.clock.now()),
    sendMentionWebhook: (spec) =>
      sendWebhook(deps.store, mentionDelivery(deps.store, spec), deps.clock.now()),
  };
}
