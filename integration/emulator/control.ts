import type { EmulatorClock } from './clock.ts';
import { ControlInputError } from './control-input.ts';
import type { RequestCounter, RequestCounts } from './counters.ts';
import type { ActiveFault, FaultQueue, FaultSpec } from './faults.ts';
import { OAUTH_RESPONSE_SHAPES, type OAuthResponseShape, type OAuthState } from './oauth-state.ts';
import type { TokenRevocation } from './seed.ts';
import type { Store } from './store.ts';
import { issueToken, revokeToken, type IssueTokenSpec } from './token-control.ts';
import { resetTokens } from './tokens.ts';
import type { UsageMeter } from './usage.ts';

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
   * started: no pending codes, `observed` response shape, only the seeded tokens, none revoked but as seeded.
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
}

export interface ControlDeps {
  faults: FaultQueue;
  counter: RequestCounter;
  clock: EmulatorClock;
  usage: UsageMeter;
  store: Store;
  oauth: OAuthState;
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
    },
    advanceClock: (seconds) => deps.clock.advance(seconds),
    now: () => deps.clock.now(),
    setOAuthResponseShape(shape) {
      if (!OAUTH_RESPONSE_SHAPES.includes(shape)) throw new ControlInputError('responseShape must be "observed" or "doc"');
      deps.oauth.responseShape = shape;
    },
    oauthResponseShape: () => deps.oauth.responseShape,
    issueToken: (spec) => issueToken(deps.store, spec, deps.clock.now()),
    revokeToken: (token, reason) => revokeToken(deps.store, token, reason),
  };
}
