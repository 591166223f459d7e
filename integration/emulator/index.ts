export { startEmulator, type EmulatorOptions, type RunningEmulator } from './http/server.ts';
export type { EmulatorControl } from './control/control.ts';
export { ControlInputError } from './control/control-input.ts';
export type { RequestCounts } from './control/counters.ts';
export {
  FaultSpecError,
  type ActiveFault,
  type FaultError,
  type FaultSpec,
} from './control/faults.ts';
export type { OAuthResponseShape } from './oauth/oauth-state.ts';
export type { ContainerKind, ContainerStatusCode } from './publishing/containers.ts';
export type { ContainerSummary, PublishedMediaSummary } from './control/publishing-control.ts';
export type { ImageFailures, PublishingSettings } from './publishing/publishing-state.ts';
export {
  ACCOUNT_METRICS,
  MEDIA_METRICS,
  type AccountDailyMetric,
  type MediaMetric,
} from './insights/insights-metrics.ts';
export { ROUTE_KEYS, type RouteKey } from './http/router.ts';
export { INSTAGRAM_SCOPES, type InstagramScope } from './oauth/scopes.ts';
export { FACEBOOK_SCOPES, type FacebookScope } from './oauth/facebook-scopes.ts';
export { FACEBOOK_PATH_PREFIX, LOGIN_FLAVOURS, type LoginFlavour } from './core/flavour.ts';
export type { IssueTokenSpec } from './control/token-control.ts';
export type {
  WebhookDeliveryResult,
  WebhookDeliverySpec,
  WebhookEntrySpec,
} from './webhooks/webhook-sender.ts';
export type {
  GuestPostSpec,
  GuestPostSummary,
  MentionWebhookSpec,
} from './guests/guest-posts.ts';
export {
  demoSeedPath,
  loadSeed,
  SeedError,
  validateSeed,
  type Seed,
  type SeedAccount,
  type SeedAccountInsights,
  type SeedApp,
  type SeedChild,
  type SeedMedia,
  type SeedToken,
  type TokenKind,
  type TokenRevocation,
} from './seed/seed.ts';
