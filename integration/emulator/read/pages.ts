import { GraphError, nonexistingField, unsupportedGet } from '../core/errors.ts';
import type { FieldRequest } from '../core/fields.ts';
import type { GraphCall, GraphRoute } from '../http/graph-call.ts';
import { addToken } from '../oauth/tokens.ts';
import { checkProfileFields, renderProfile } from './profile-view.ts';
import type { Account } from '../core/store.ts';

// graph.facebook.com's side of an Instagram account: the Facebook user, the Page, and the
// `instagram_business_account` that links them (graph-api.md §1.3).

type PageField = (call: GraphCall, account: Account, request: FieldRequest) => unknown;

const PAGE_FIELDS: Record<string, PageField> = {
  id: (_call, account) => account.facebook.pageId,
  name: (_call, account) => account.facebook.pageName,
  category: () => 'Community',
  // A Page token is handed out to the user managing the Page, never read from the Page itself.
  access_token: (call) => (call.token.kind === 'page' ? undefined : pageToken(call)),
  tasks: () => ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
  instagram_business_account: (call, account, request) =>
    renderProfile(account, request.fields, call.view, 'user-id'),
};

/** What `/me/accounts` lists when `fields` is not given, as Graph does. */
const DEFAULT_PAGE_FIELDS = ['access_token', 'category', 'name', 'id', 'tasks'];

/** `GET /me` on graph.facebook.com: the Facebook user behind a user token, the Page behind a Page token. */
export const facebookMeRoute: GraphRoute = (call) => {
  if (call.token.kind === 'page') return renderPage(call, call.account, call.fields);
  const user = call.account.facebook;
  const out: Record<string, unknown> = {};
  for (const field of call.fields ?? [{ name: 'name', modifiers: {} }]) {
    if (field.name !== 'id' && field.name !== 'name')
      throw new GraphError(nonexistingField(field.name, 'User'));
    out[field.name] = field.name === 'id' ? user.userId : user.userName;
  }
  out.id = user.userId;
  return out;
};

/** An edge graph.facebook.com's `/me` does not have (`/me/media`: media hangs off the IG user). */
export function missingUserEdge(edge: string): GraphRoute {
  return (call) => {
    throw new GraphError(nonexistingField(edge, call.token.kind === 'page' ? 'Page' : 'User'));
  };
}

/**
 * `GET /me/accounts`: the Pages the user manages, each with a Page token and its linked Instagram
 * account. Without `pages_show_list` the list is empty, as on Graph.
 */
export const pagesRoute: GraphRoute = (call) => {
  if (call.token.kind === 'page') throw new GraphError(nonexistingField('accounts', 'Page'));
  const fields = call.fields ?? DEFAULT_PAGE_FIELDS.map((name) => ({ name, modifiers: {} }));
  checkPageFields(call, fields);
  const pages = call.token.scopes.includes('pages_show_list') ? [call.account] : [];
  const data = pages.map((account) => renderPage(call, account, fields));
  const cursor = Buffer.from(call.account.facebook.pageId).toString('base64url');
  return {
    data,
    paging: { cursors: { before: cursor, after: cursor } },
  };
};

/** `GET /{page-id}`: readable by its manager's user token and by its own Page token. */
export const pageRoute: GraphRoute = (call) => {
  const pageId = call.route.nodeId ?? '';
  if (call.account.facebook.pageId !== pageId) throw new GraphError(unsupportedGet(pageId));
  return renderPage(call, call.account, call.fields);
};

function renderPage(
  call: GraphCall,
  account: Account,
  fields: FieldRequest[] | undefined,
): Record<string, unknown> {
  const requested = fields ?? [{ name: 'name', modifiers: {} }];
  checkPageFields(call, requested);
  const out: Record<string, unknown> = {};
  for (const field of requested) {
    const value = PAGE_FIELDS[field.name]?.(call, account, field);
    if (value !== undefined) out[field.name] = value;
  }
  out.id = account.facebook.pageId;
  return out;
}

function checkPageFields(call: GraphCall, fields: FieldRequest[]): void {
  for (const field of fields) {
    if (!Object.hasOwn(PAGE_FIELDS, field.name))
      throw new GraphError(nonexistingField(field.name, 'Page'));
    if (field.name === 'instagram_business_account')
      checkProfileFields(field.fields, call.route.flavour);
  }
}

/**
 * The Page token for the user token: the same string on every call. From a long-lived user token
 * it never expires; from a short-lived one it ends with it (graph-api.md §2.6, §2.8).
 */
function pageToken(call: GraphCall): string {
  const user = call.token;
  if (user.pageToken && call.store.tokens.has(user.pageToken)) return user.pageToken;
  const page = addToken(call.store, {
    account: user.account,
    flavour: 'facebook',
    kind: 'page',
    issuedAtMs: call.clock.now(),
    expiresAtMs: user.kind === 'long' ? Number.POSITIVE_INFINITY : user.expiresAtMs,
    scopes: user.scopes,
    appId: user.appId,
  });
  user.pageToken = page.token;
  return page.token;
}
