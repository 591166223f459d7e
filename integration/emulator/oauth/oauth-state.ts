import { createCodeBook, type CodeBook } from './oauth-codes.ts';

/**
 * The two shapes of the code exchange answer. `observed` (what live clients receive):
 * `{"access_token", "user_id": <number>, "permissions": [..]}`; `doc` (Meta's Business Login page):
 * `{"data": [{"access_token", "user_id": "<string>", "permissions": "a,b"}]}`.
 */
export type OAuthResponseShape = 'observed' | 'doc';
export const OAUTH_RESPONSE_SHAPES: readonly OAuthResponseShape[] = ['observed', 'doc'];

export interface OAuthState {
  codes: CodeBook;
  responseShape: OAuthResponseShape;
  reset(): void;
}

export function createOAuthState(): OAuthState {
  const state: OAuthState = {
    codes: createCodeBook(),
    responseShape: 'observed',
    reset() {
      state.codes.clear();
      state.responseShape = 'observed';
    },
  };
  return state;
}
