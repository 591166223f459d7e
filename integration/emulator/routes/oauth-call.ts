import type { IncomingMessage } from 'node:http';
import type { EmulatorClock } from '../clock.ts';
import type { OAuthState } from '../oauth-state.ts';
import type { Reply } from '../reply.ts';
import type { Route } from '../router.ts';
import type { Store } from '../store.ts';

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
