export { canonicalJson, dedupKey } from './dedup-key.ts';
export { eventsOfDelivery, MalformedDeliveryError } from './delivery.ts';
export {
  DEFAULT_REBUILD_FIELDS,
  galleryEffects,
  type GalleryEffectsDeps,
} from './gallery-effects.ts';
export { hasValidSignature, signatureOf } from './signature.ts';
export { subscriptionChallenge } from './subscription.ts';
export {
  receiveDelivery,
  verifySubscription,
  type WebhookEndpointDeps,
} from './webhook-endpoint.ts';
export {
  WEBHOOK_CLAIM_BATCH,
  WEBHOOK_CLAIM_MS,
  WEBHOOK_SWEEP_MS,
  WebhookProcessor,
  type ProcessEvent,
  type WebhookProcessorDeps,
} from './webhook-processor.ts';
