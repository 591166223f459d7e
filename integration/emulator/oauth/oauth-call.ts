import type { IncomingMessage } from 'node:http';
import type { EmulatorClock } from '../core/clock.ts';
import type { OAuthState } from './oauth-state.ts';
import type { Reply } from '../http/reply.ts';
import type { Route } from '../http/router.ts';
import type { Store } from '../core/store.ts';

export interface OAuthDeps {
  store: Store;
  clock: EmulatorClock;
  oauth: OAuthState;
}

/** A request to one of the Instagram Login routes: no token check up front, each route checks its own. */
export interface OAuthCall {
  route: Route;
  url: URL;
  request: IncomingMessage;
}

export type OAuthRoute = (deps: OAuthDeps, call: OAuthCall) => Reply | Promise<Reply>;
