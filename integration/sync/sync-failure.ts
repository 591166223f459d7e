import { GraphError } from '../graph/index.ts';

/**
 * Why a sync failed and what to do about it, in words for a build log. `facebookLogin`: the
 * accounts synced were connected with Facebook Login, whose Page tokens are not refreshed but
 * reconnected.
 */
export function explainSyncFailure(
  error: unknown,
  { facebookLogin = false }: { facebookLogin?: boolean } = {},
): { cause: string; remedy: string } {
  if (error instanceof GraphError && error.category === 'auth' && facebookLogin) {
    return {
      cause: `the token of an account connected with Facebook Login was refused (code ${error.code}${error.subcode ? `/${error.subcode}` : ''})`,
      remedy:
        'connect the account with Facebook again in /admin (a Page token stops working when the password changes, the app is removed or the Page role is lost).',
    };
  }
  if (error instanceof GraphError) return explainGraphError(error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    cause: `Instagram could not be reached: ${message}`,
    remedy: 'check the network and INSTAGRAM_GRAPH_BASE; the next build retries.',
  };
}

function explainGraphError(error: GraphError): { cause: string; remedy: string } {
  switch (error.category) {
    case 'auth': {
      if (error.subcode === 463) {
        const expiredOn = /expired on ([^.]+)\./.exec(error.message)?.[1];
        return {
          cause: `the Instagram token expired${expiredOn ? ` on ${expiredOn}` : ''} (code 190/463)`,
          remedy:
            'run `npm run ig -- token refresh`, or reconnect the account in /admin and update IG_ACCESS_TOKEN.',
        };
      }
      return {
        cause: `the Instagram token is invalid or was revoked (code ${error.code}${error.subcode ? `/${error.subcode}` : ''})`,
        remedy:
          'reconnect the account in /admin, or set a new long-lived token in IG_ACCESS_TOKEN.',
      };
    }
    case 'permission':
      return {
        cause: `the token lacks a permission (code ${error.code}): ${error.message}`,
        remedy: 'reconnect the account and grant instagram_business_basic.',
      };
    case 'rate_limit':
      return {
        cause: `Instagram's rate limit was reached (code ${error.code})`,
        remedy: 'wait for the limit to reset; the next scheduled build catches up.',
      };
    case 'transient':
      return {
        cause: `the Instagram API kept failing after retries: ${error.message}`,
        remedy:
          'nothing to change on your side if it persists only briefly; the next build retries.',
      };
    default:
      return {
        cause: `Instagram refused the request (code ${error.code ?? error.status}): ${error.message}`,
        remedy:
          'check IG_USER_ID and INSTAGRAM_GRAPH_BASE (it must include the version, e.g. https://graph.instagram.com/v26.0).',
      };
  }
}

/** Thrown in strict mode (IG_SYNC_STRICT=1) so the build fails instead of using the snapshot. */
export class InstagramSyncError extends Error {
  readonly remedy: string;

  constructor(cause: string, remedy: string, options?: { cause?: unknown }) {
    super(`Instagram sync failed: ${cause}. Fix: ${remedy}`, options);
    this.name = 'InstagramSyncError';
    this.remedy = remedy;
  }
}
