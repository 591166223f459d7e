export { TokenService, type RefreshOutcome, type TokenServiceOptions } from './token-service.ts';
export {
  environmentTokenStatus,
  tokenStatus,
  type TokenHealth,
  type TokenStatus,
} from './token-health.ts';
export { TokenLifecycleError } from './token-errors.ts';
export { usageRecord } from './usage-record.ts';
export { tokensInOrder, type TokenInOrder } from './token-order.ts';
export { TokenWriteBack, type WriteBackResult } from './token-write-back.ts';
export { readWriteBackTarget, type WriteBackTarget } from './write-back-target.ts';
