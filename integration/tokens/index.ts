export { TokenService, type RefreshOutcome, type TokenServiceOptions } from './token-service.ts';
export { tokenStatus, type TokenHealth, type TokenStatus } from './token-health.ts';
export { TokenLifecycleError } from './token-errors.ts';
export { usageRecord } from './usage-record.ts';
