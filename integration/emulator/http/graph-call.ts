import type { EmulatorClock } from '../core/clock.ts';
import type { FieldRequest } from '../core/fields.ts';
import type { PublishingState } from '../publishing/publishing-state.ts';
import type { Route } from './router.ts';
import type { InstagramScope } from '../oauth/scopes.ts';
import type { Account, Store, Token } from '../core/store.ts';
import type { ViewContext } from '../core/view.ts';

/** An authenticated Graph request, ready for a route: parse, look up, render. */
export interface GraphCall {
  route: Route;
  /** The query string; on POST, the body's fields too. */
  query: URLSearchParams;
  /** The account the access token belongs to. */
  account: Account;
  /** What the access token was granted, Facebook permissions named as their Instagram Login equivalents. */
  scopes: readonly InstagramScope[];
  /** The access token itself (Facebook routes: its kind, its Page token). */
  token: Token;
  fields?: FieldRequest[];
  store: Store;
  view: ViewContext;
  clock: EmulatorClock;
  publishing: PublishingState;
  /** Aborted when the emulator closes: media downloads stop. */
  closing: AbortSignal;
}

/** Returns the JSON body of a 200 answer (or a promise of it), or throws a GraphError. */
export type GraphRoute = (call: GraphCall) => unknown | Promise<unknown>;
