export { EndpointUrlError, endpointUrl } from './endpoint-url.ts';
export { newEndpointId, newEndpointSecret, ROTATION_OVERLAP_MS } from './endpoint-secret.ts';
export {
  EVENT_TYPE_NAMES,
  isOutgoingEventType,
  OUTGOING_EVENT_TYPES,
  type OutgoingEventType,
} from './event-types.ts';
export { addEndpoint, rotateEndpointSecret } from './endpoints.ts';
export { messageBody, outgoingMessage } from './message.ts';
export {
  OUTGOING_CLAIM_MS,
  OUTGOING_SWEEP_MS,
  OUTGOING_TIMEOUT_MS,
  OutgoingWebhooks,
  type OutgoingStore,
  type OutgoingWebhooksDeps,
} from './outbox.ts';
export {
  DEFAULT_RETRY_SCHEDULE,
  DELIVERY_LOG_DAYS,
  RETRY_WINDOW_MS,
  retryDelayMs,
  type RetrySchedule,
} from './retry-schedule.ts';
export { signedHeaders, signingSecrets } from './signing.ts';
