/**
 * The two Instagram APIs: with Instagram Login (graph.instagram.com) and with Facebook Login
 * (graph.facebook.com). The emulator serves the second under the `/facebook` path prefix.
 */
export type LoginFlavour = 'instagram' | 'facebook';

export const LOGIN_FLAVOURS: readonly LoginFlavour[] = ['instagram', 'facebook'];

/** `http://127.0.0.1:4100/facebook/v26.0/me/accounts` is `graph.facebook.com/v26.0/me/accounts`. */
export const FACEBOOK_PATH_PREFIX = '/facebook';

/** Splits the host prefix off a request path. */
export function flavourOfPath(pathname: string): { flavour: LoginFlavour; path: string } {
  if (pathname === FACEBOOK_PATH_PREFIX || pathname.startsWith(`${FACEBOOK_PATH_PREFIX}/`))
    return { flavour: 'facebook', path: pathname.slice(FACEBOOK_PATH_PREFIX.length) || '/' };
  return { flavour: 'instagram', path: pathname };
}

/** The path prefix a flavour's links carry. */
export function pathPrefix(flavour: LoginFlavour): string {
  return flavour === 'facebook' ? FACEBOOK_PATH_PREFIX : '';
}

/**
 * Node type names in `(#100) Tried accessing nonexisting field` errors: graph.facebook.com names
 * Instagram nodes `ShadowIGUser`, `ShadowIGMedia` (graph-api.md §3.2).
 */
export function nodeTypeName(flavour: LoginFlavour, instagramName: 'IGUser' | 'IGMedia'): string {
  return flavour === 'facebook' ? `Shadow${instagramName}` : instagramName;
}
