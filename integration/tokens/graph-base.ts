import type { LoginFlavour } from '../store/index.ts';

/** The Graph base URL of each login: graph.instagram.com's and graph.facebook.com's, version included. */
export interface GraphBases {
  instagram: string;
  facebook: string;
}

/** The host an account's token is for: the one of the login that connected it. */
export function graphBaseFor(account: { loginFlavour?: LoginFlavour }, bases: GraphBases): string {
  return account.loginFlavour === 'facebook' ? bases.facebook : bases.instagram;
}
