export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.ts';
export type { EmulatorControl } from './control.ts';
export { ControlInputError } from './control-input.ts';
export type { RequestCounts } from './counters.ts';
export { FaultSpecError, type ActiveFault, type FaultError, type FaultSpec } from './faults.ts';
export type { OAuthResponseShape } from './oauth-state.ts';
export type { ContainerKind, ContainerStatusCode } from './containers.ts';
export type { ContainerSummary, PublishedMediaSummary } from './publishing-control.ts';
export type { ImageFailures, PublishingSettings } from './publishing-state.ts';
export {
  ACCOUNT_METRICS,
  MEDIA_METRICS,
  type AccountDailyMetric,
  type MediaMetric,
} from './insights-metrics.ts';
export { ROUTE_KEYS, type RouteKey } from './router.ts';
export { INSTAGRAM_SCOPES, type InstagramScope } from './scopes.ts';
export type { IssueTokenSpec } from './token-control.ts';
export type {
  WebhookDeliveryResult,
  WebhookDeliverySpec,
  WebhookEntrySpec,
} from './webhook-sender.ts';
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
} from './seed.ts';
