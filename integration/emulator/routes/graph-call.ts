import type { FieldRequest } from '../fields.ts';
import type { Route } from '../router.ts';
import type { Account, Store } from '../store.ts';
import type { ViewContext } from '../view.ts';

/** An authenticated Graph request, ready for a route: parse, look up, render. */
export interface GraphCall {
  route: Route;
  query: URLSearchParams;
  /** The account the access token belongs to. */
  account: Account;
  fields?: FieldRequest[];
  store: Store;
  view: ViewContext;
}

/** Returns the JSON body of a 200 answer, or throws a GraphError. */
export type GraphRoute = (call: GraphCall) => unknown;
